// The conversation page's script (/staff/assets/conversation.js): the newest message is at the bottom, so
// the page opens there, and stays there as messages arrive while the caseworker reads the newest. Without
// script the "Jump to latest" link does the same.
export const CONVERSATION_SCRIPT = `
(function(){
  var latest=document.getElementById('latest'),transcript=document.getElementById('transcript');
  if(!latest||!transcript)return;
  if(!location.hash&&transcript.hasAttribute('data-live'))latest.scrollIntoView({block:'end'});
  var atBottom=true;
  function near(){return window.innerHeight+window.scrollY>=document.documentElement.scrollHeight-120}
  window.addEventListener('scroll',function(){atBottom=near()},{passive:true});
  new MutationObserver(function(){if(atBottom)latest.scrollIntoView({block:'end'})}).observe(transcript,{childList:true});
})();
`;
