function makeGetters() {
  const getters = [];
  for ({{ keyword }} i = 0; i < 3; i++) {
    getters.push(() => i);
  }
  return getters;
}
const getters = makeGetters();
checkpoint("A");
for (const get of getters) {
  console.log(get());
}
