function sumDown(n) {
  if (n === 0) {
    return 0;
  }
  return n + sumDown(n - 2);
}
console.log("start at", {{ start }});
console.log(sumDown({{ start }}));
console.log("finished");
