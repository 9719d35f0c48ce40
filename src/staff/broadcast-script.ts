// The broadcast page's own script, served as a file (the CSP runs no inline code): while the broadcast is under
// way it asks for its counts every second (progress.json) and moves the bar and the figures; the report below is
// the server's, refreshed on the page's next load.

export const BROADCAST_SCRIPT_PATH = "/staff/assets/broadcast.js";

export const BROADCAST_SCRIPT = `
(function(){
  var box=document.querySelector('[data-progress]');
  if(!box)return;
  var bar=box.querySelector('progress'),url=box.getAttribute('data-progress');
  var number=new Intl.NumberFormat(document.documentElement.lang||'en');
  function show(p){
    bar.max=Math.max(1,p.queued);bar.value=p.queued-p.waiting;
    Object.keys(p).forEach(function(k){
      var el=box.querySelector('[data-count="'+k+'"]');
      if(el)el.textContent=typeof p[k]==='number'?number.format(p[k]):p[k];
    });
    box.setAttribute('data-status',p.status);
    return p.status==='sending'||p.status==='scheduled'||p.status==='paused';
  }
  function poll(){
    fetch(url,{credentials:'same-origin',headers:{accept:'application/json'}})
      .then(function(r){return r.ok?r.json():null})
      .then(function(p){if(!p||show(p))setTimeout(poll,1000)},function(){setTimeout(poll,3000)});
  }
  poll();
})();
`;
