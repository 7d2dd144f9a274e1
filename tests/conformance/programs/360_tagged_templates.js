// Tagged templates: the tag gets the strings object (one per site, frozen, with raw) and the values; a member
// tag keeps its receiver; String.raw joins the raw strings.
function tag(strings, ...values) {
  checkpoint("in_tag");
  return strings.raw.join("|") + " " + values.length;
}
const who = { name: "Ada" };
console.log(tag`hello ${who.name}!\n`);

const sites = [];
function remember(strings) {
  sites.push(strings);
  return strings.length;
}
for (let i = 0; i < 2; i++) remember`once ${i}`;
console.log(sites[0] === sites[1], Object.isFrozen(sites[0]));

const fmt = {
  prefix: "> ",
  line(strings, value) {
    return this.prefix + strings[0] + value;
  },
};
console.log(fmt.line`count: ${3}`);
console.log(String.raw`C:\temp\new ${1 + 1}`);
checkpoint("done");
