// Labelled loops and blocks: continue to an outer loop, break out of nested loops, a switch and a labelled block.
function findPair(grid, target) {
  const seen = [];
  rows: for (let r = 0; r < grid.length; r++) {
    for (let c = 0; c < grid[r].length; c++) {
      if (grid[r][c] < 0) continue rows;
      seen.push(grid[r][c]);
      if (grid[r][c] === target) {
        checkpoint("found");
        break rows;
      }
    }
  }
  return seen;
}
const grid = [[1, 2], [-1, 5], [3, 4, 9]];
const visited = findPair(grid, 4);
console.log(visited.join(","));

let state = 0;
const log = [];
machine: while (true) {
  switch (state) {
    case 0: state = 2; continue machine;
    case 2: log.push({ at: state }); state = 3; break;
    case 3: break machine;
  }
  log.push("after " + state);
}
console.log(JSON.stringify(log));

check: {
  const tmp = { big: new Array(3).fill(0) };
  if (tmp.big.length > 2) break check;
  console.log("not reached");
}
checkpoint("after block");
