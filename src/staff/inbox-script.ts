// The inbox page's own script, served as a file (the CSP allows our scripts only): waiting times that tick,
// and alerts for a new urgent conversation or one passed to you: a browser notification and a short sound
// for those who allow them, and always an announcement to screen readers. The events come on the page's
// live stream (app.js keeps it in window.havenEvents; src/staff/inbox-alerts.ts sends them).

export const INBOX_SCRIPT_PATH = "/staff/assets/inbox.js";

export const INBOX_SCRIPT = `
(function(){
  var announce=document.getElementById('announce');
  // the page's texts in the reader's language (inboxPage in src/staff/inbox-list.ts), {name} where a value goes
  var T=JSON.parse((announce&&announce.getAttribute('data-texts'))||'{}');
  function say(key,values){
    return (T[key]||'').replace(/\\{(\\w+)\\}/g,function(_,name){return values&&name in values?values[name]:''});
  }
  var plural=new Intl.PluralRules(document.documentElement.lang||'en');
  // the same words as the server's waited() in src/staff/pages.ts
  function waited(ms){
    var min=Math.max(0,Math.round(ms/60000)),days=Math.floor(min/1440);
    return min<60?say('minutes',{m:min}):min<2880?say('hours',{h:Math.floor(min/60),m:min%60})
      :say('days_'+plural.select(days),{count:days});
  }
  function tick(){
    var now=Date.now();
    document.querySelectorAll('time.waited[datetime]').forEach(function(t){
      var at=Date.parse(t.getAttribute('datetime'));
      if(!isNaN(at))t.textContent=waited(now-at);
    });
  }
  setInterval(tick,15000);

  var button=document.getElementById('allow-alerts'),state=document.getElementById('alerts-state');
  var canNotify='Notification' in window;
  var audio=null;
  function showState(){
    if(!canNotify){state.textContent=say('cannot');return}
    var p=Notification.permission;
    button.hidden=p!=='default';
    state.textContent=p==='granted'?say('on'):p==='denied'?say('blocked'):'';
  }
  // browsers let a page play sound after a click on it: the first click wakes the sound up
  function wakeAudio(){
    var A=window.AudioContext||window.webkitAudioContext;
    if(!A)return;
    if(!audio)audio=new A();
    if(audio.state==='suspended')audio.resume();
  }
  function beep(){
    if(!audio||Notification.permission!=='granted')return;
    [880,660].forEach(function(f,i){
      var o=audio.createOscillator(),g=audio.createGain(),t=audio.currentTime+i*0.18;
      o.frequency.value=f;g.gain.setValueAtTime(0.2,t);g.gain.exponentialRampToValueAtTime(0.001,t+0.16);
      o.connect(g);g.connect(audio.destination);o.start(t);o.stop(t+0.17);
    });
  }
  if(button)button.addEventListener('click',function(){
    wakeAudio();
    Notification.requestPermission().then(showState);
  });
  document.addEventListener('click',wakeAudio,{once:true});
  if(state)showState();

  var told={};
  // the server may say the same news twice (two triggers, a reconnection): each key is told once
  function alertOf(key,text,contactId){
    if(told[key])return;
    told[key]=true;
    // a new text in the live region is read out; the same text twice would not be
    announce.textContent='';
    setTimeout(function(){announce.textContent=text},50);
    if(canNotify&&Notification.permission==='granted'){
      var n=new Notification('Haven',{body:text,tag:key});
      n.onclick=function(){window.focus();location.href='/staff/conversations/'+contactId};
      beep();
    }
  }
  var es=window.havenEvents;
  if(!es||!announce)return;
  es.addEventListener('urgent',function(e){
    var d=JSON.parse(e.data);
    alertOf(d.key,say('urgent'),d.contactId);
  });
  es.addEventListener('assigned',function(e){
    var d=JSON.parse(e.data);
    alertOf(d.key,d.by?say('passedBy',{by:d.by}):say('passed'),d.contactId);
  });
})();
`;
