// The staff app's only stylesheet and script, served from /staff/assets: no build step, no CDN,
// small enough for a slow phone connection.

export const STYLESHEET = `
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,sans-serif;color:#1b1b1b;background:#f6f6f4}
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.6rem 1rem;background:#17324d;color:#fff}
header a,header button{color:#fff}header .who{margin-inline-start:auto;font-size:.9rem}
main{max-width:60rem;margin:0 auto;padding:1rem}
a{color:#0b5cad}h1{font-size:1.3rem;margin:.2rem 0 1rem}
.card{background:#fff;border:1px solid #ddd;border-radius:.4rem;padding:.8rem;margin:0 0 .8rem}
.row{display:flex;flex-wrap:wrap;gap:.4rem .8rem;align-items:center}
.badge{display:inline-block;padding:.05rem .45rem;border-radius:1rem;font-size:.8rem;background:#e6e6e6}
.urgent{background:#b00020;color:#fff}.waiting_for_person{background:#fff1c2}.with_person{background:#d8ecff}
ul.inbox{list-style:none;padding:0;margin:0}ul.inbox li{margin:0 0 .6rem}
ul.inbox a{display:block;text-decoration:none;color:inherit}
.msg{max-width:85%;margin:.3rem 0;padding:.45rem .7rem;border-radius:.6rem;overflow-wrap:anywhere}.msg .text{white-space:pre-wrap}
.in{background:#fff;border:1px solid #ddd}.out{background:#dff3e4;margin-inline-start:auto}.staff{background:#d8ecff}
.meta{font-size:.75rem;color:#555}.redacted{font-style:italic;color:#666}
.transcript{display:flex;flex-direction:column}
form.inline{display:inline}select{max-width:100%}textarea,input[type=email],input[type=password],input[autocomplete=one-time-code],input#languages{width:100%;font:inherit;padding:.5rem;border:1px solid #bbb;border-radius:.3rem}
button{font:inherit;padding:.45rem .9rem;border-radius:.3rem;border:1px solid #17324d;background:#17324d;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#17324d}.notice{padding:.6rem .8rem;border-radius:.3rem;background:#fff1c2;margin:0 0 .8rem}
.error{background:#fde2e1}label{display:block;margin:.6rem 0 .2rem}
main.wide{max-width:80rem}.filters{display:flex;flex-wrap:wrap;gap:0 .8rem;align-items:end}.filters label,.bulk label{margin:.2rem 0}
.filters select,.filters input,.bulk select,.bulk input{display:block;font:inherit;padding:.3rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(26rem,100%),1fr));gap:.8rem}
figure.chart{margin:0;background:#fff;border:1px solid #ddd;border-radius:.4rem;padding:.6rem}figcaption{font-weight:600}
table{border-collapse:collapse}th,td{text-align:start;padding:.25rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
.scroll{overflow-x:auto}caption{text-align:start}table.tally th[scope=row]{overflow-wrap:anywhere}td.words{max-width:28rem;white-space:pre-wrap;overflow-wrap:anywhere}
input[autocomplete=one-time-code]{max-width:10rem;letter-spacing:.15em}.qr svg{width:12rem;height:12rem}
code.secret{font-size:1.05rem;overflow-wrap:anywhere}ul.audit .meta{overflow-wrap:anywhere}textarea[readonly]{background:#f6f6f4}
.conversation{display:grid;grid-template-columns:minmax(0,1fr) 20rem;gap:1rem;align-items:start}
.person h2{font-size:1.05rem;margin:0 0 .4rem}.person h3{font-size:.95rem;margin:.8rem 0 .2rem}
.person dl{display:grid;grid-template-columns:auto minmax(0,1fr);gap:.1rem .6rem;margin:0}.person dt{color:#555}.person dd{margin:0}
.person ul{list-style:none;padding:0;margin:0}.person li{padding:.3rem 0;border-top:1px solid #eee;overflow-wrap:anywhere}
.person .words{white-space:pre-wrap;font-size:.9rem}.person .badge{margin-inline-end:.3rem}.person p.meta{margin:0}
.transcript .msg{width:fit-content;min-width:min(12rem,85%)}.msg .media{display:block;margin:.3rem 0}.msg img{max-width:min(100%,16rem);height:auto;border-radius:.3rem}.msg audio{width:min(100%,18rem)}
details.menu summary{cursor:pointer}details.words summary{cursor:pointer}details.words[open] .folded{display:none}details.menu .text{margin-top:.3rem}
details.confirm{display:inline-block}details.confirm summary{display:inline-block;list-style:none;cursor:pointer;padding:.45rem .9rem;border-radius:.3rem;border:1px solid #17324d;color:#17324d;background:#fff}
details.confirm summary::-webkit-details-marker{display:none}details.confirm[open]>.card{margin:.4rem 0 0}
.deeds{width:100%}.jump{margin:.2rem 0;font-size:.9rem;text-align:end}.earlier{text-align:center;margin:.2rem 0}
@media (min-width:60rem){.person{position:sticky;top:1rem;max-height:calc(100vh - 2rem);overflow-y:auto}}
@media (max-width:60rem){.conversation{grid-template-columns:minmax(0,1fr)}}
label,pre{overflow-wrap:anywhere}pre{white-space:pre-wrap}
p.preview{white-space:pre-wrap;overflow-wrap:anywhere;margin:.2rem 0 .4rem;padding:.4rem .7rem;background:#dff3e4;border-radius:.6rem;width:fit-content;max-width:100%}
.language{border:1px solid #ddd;border-radius:.4rem;margin:.6rem 0;padding:.1rem .8rem .6rem}details.language{padding:.5rem .8rem}details.language summary{cursor:pointer}
.canned-form input:not([type=hidden]),.canned-form select{width:100%;font:inherit;padding:.4rem;border:1px solid #bbb;border-radius:.3rem}
.canned-pick{align-items:center;margin:0 0 .4rem}.canned-pick label{margin:0}.canned-pick select{flex:1;min-width:0;font:inherit;padding:.35rem}
dl.canned-texts{margin:.4rem 0 0}dl.canned-texts dt{color:#555;font-size:.85rem;margin-top:.4rem}dl.canned-texts dd{margin:0}
@media (max-width:40rem){table.waits{font-size:.9rem}table.waits th,table.waits td{padding:.25rem .3rem}}
@media (max-width:40rem){table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block}table.cards td{border:0;padding:.1rem 0}
table.cards tr{background:#fff;border:1px solid #ddd;border-radius:.4rem;padding:.5rem .7rem;margin:0 0 .6rem}
table.cards td[data-label]::before{content:attr(data-label) ": ";color:#555;font-size:.85rem}}
/* inbox list and search (src/staff/inbox-list.ts, search-page.ts) */
.tabs{margin:0 0 .6rem}.tabs strong{border-bottom:3px solid #17324d}
ul.inbox li.unread{border-inline-start:4px solid #0b5cad}.badge.new{background:#0b5cad;color:#fff}
div.preview{margin:.2rem 0;color:#333;overflow-wrap:anywhere;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.alerts{margin:0 0 .6rem}.filters input[type=search]{min-width:12rem}mark{background:#fff1c2}
.filters label{max-width:100%}.filters select{max-width:100%}
/* broadcasts (src/staff/broadcast-pages.ts) */
.broadcast-form input:not([type=hidden]):not([type=checkbox]),.broadcast-form select,.broadcast-form textarea{width:100%;font:inherit;padding:.4rem;border:1px solid #bbb;border-radius:.3rem}
fieldset{border:1px solid #ddd;border-radius:.4rem;margin:.6rem 0;min-width:0}fieldset label{margin:.1rem 0}
progress{width:100%;height:1.2rem}dl.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(10rem,100%),1fr));gap:.2rem .8rem}
dl.figures dt{color:#555;font-size:.85rem}dl.figures dd{margin:0;font-weight:600}
`;

/** Live updates: the server says what changed (server-sent events) and the page refetches that part. */
export const SCRIPT = `
(function(){
  var live=document.querySelector('[data-live]');
  if(!live||!window.EventSource)return;
  var busy=false,again=false;
  function refresh(){
    if(busy){again=true;return}
    busy=true;
    fetch(live.getAttribute('data-live'),{credentials:'same-origin'}).then(function(r){return r.ok?r.text():null})
      .then(function(t){if(t!==null)live.innerHTML=t}).finally(function(){busy=false;if(again){again=false;refresh()}});
  }
  var only=live.getAttribute('data-contact');
  var es=new EventSource('/staff/events');
  // a page's own script listens to the same stream (the inbox's alerts: src/staff/inbox-script.ts)
  window.havenEvents=es;
  // on each (re)connection too: a change between the page's rendering and the stream's start is not lost
  es.addEventListener('open',refresh);
  es.addEventListener('change',function(e){if(!only||e.data===only||e.data==='*')refresh()});
})();
`;
