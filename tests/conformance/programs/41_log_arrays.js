// console.log prints arrays with spaces, nesting and holes.
console.log([]);
console.log([1, 2, 3]);
console.log(["a", "b"], [[1, 2], [3, [4, [5, [6]]]]]);
const sparse = [1, , 3];
console.log(sparse, sparse.length);
console.log([1, "two", { three: 3 }, null, undefined]);
