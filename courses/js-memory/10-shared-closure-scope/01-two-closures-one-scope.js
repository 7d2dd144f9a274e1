function setup() {
  const big = { data: [1, 2, 3, 4, 5, 6, 7, 8] };
  const small = { n: 1 };
  const useBig = function () {
    return big.data.length;
  };
  const useSmall = function () {
    return small.n;
  };
  console.log(useBig(), useSmall());
  return {{ kept }};
}
const keep = setup();
checkpoint("A");
