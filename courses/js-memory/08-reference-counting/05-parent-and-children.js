function element(tag, parent) {
  const el = { tag: tag, parent: parent, children: [] };
  if (parent !== null) {
    parent.children.push(el);
  }
  return el;
}
function removeChild(parent, child) {
  parent.children.splice(parent.children.indexOf(child), 1);
  child.parent = null;
}
const page = element("body", null);
let menu = element("nav", page);
element("a", menu);
element("a", menu);
let footer = element("footer", page);
element("p", footer);
removeChild(page, {{ removed }});
{{ removed }} = null;
checkpoint("A");
