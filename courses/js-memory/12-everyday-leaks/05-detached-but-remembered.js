const rows = [];
const byId = new Map();
function addRow(id) {
  const row = { id: id, cells: [id, id * 10] };
  rows.push(row);
  byId.set(id, row);
}
function deleteRow(id) {
  const index = rows.findIndex((r) => r.id === id);
  rows.splice(index, 1);
  if ({{ clean_index }}) {
    byId.delete(id);
  }
}
for (let id = 1; id <= 3; id++) {
  addRow(id);
}
deleteRow({{ deleted }});
checkpoint("A");
console.log(rows.length, byId.size);
