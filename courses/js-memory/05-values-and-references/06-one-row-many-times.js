const grid = [];
const row = [0, 0, 0];
for (let i = 0; i < {{ rows }}; i++) {
  grid.push({{ push }});
}
grid[0][1] = 7;
const first = grid[0];
checkpoint("A");
for (const r of grid) {
  console.log(r.join(" "));
}
console.log(grid[0] === grid[1]);
