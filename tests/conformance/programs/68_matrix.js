// An array of arrays: each row is its own array object.
function makeGrid(rows, cols) {
  const grid = [];
  for (let r = 0; r < rows; r++) {
    const row = [];
    for (let c = 0; c < cols; c++) {
      row.push(r * cols + c);
    }
    grid.push(row);
  }
  return grid;
}
const grid = makeGrid(2, 3);
grid[0] = null;
checkpoint("grid");
console.log(grid);
