// The reply box's canned replies (served with the conversation page's script): "Insert" puts the chosen
// reply's text, which the server filled for this person, at the cursor and shows its note, without
// reloading what the caseworker typed. Without script the same button reloads the page with it.
export const CANNED_SCRIPT = `
(function(){
  var pick=document.querySelector('form.canned-pick'),box=document.getElementById('reply'),note=document.getElementById('canned-note');
  if(!pick||!box)return;
  var select=pick.querySelector('select');
  pick.addEventListener('submit',function(e){
    e.preventDefault();
    var o=select.options[select.selectedIndex];
    if(!o)return;
    box.setRangeText(o.getAttribute('data-text')||'',box.selectionStart,box.selectionEnd,'end');
    box.focus();
    var n=o.getAttribute('data-note')||'';
    if(note){note.textContent=n;note.hidden=!n}
  });
})();
`;
