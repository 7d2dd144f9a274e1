function makeTheme(initial) {
  let current = initial;
  const history = [];
  return {
    get() {
      checkpoint("read");
      return current;
    },
    set(name) {
      history.push(current);
      current = name;
    },
  };
}
const theme = makeTheme("{{ first }}");
const before = theme.get();
theme.set("{{ second }}");
checkpoint("A");
console.log(before, theme.get());
