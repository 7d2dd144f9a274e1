const history = [];
function visit(page, keep) {
  const record = { page: page, order: history.length };
  if (keep) {
    history.push(record);
  }
  return record.page;
}
visit("home", false);
visit("about", {{ keep_second }});
visit("shop", {{ keep_third }});
checkpoint("A");
gc();
checkpoint("B");
console.log(history.length);
