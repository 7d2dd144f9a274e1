// Object.keys, values, entries and assign; the objects they return have no site.
const book = { title: "Dune", year: 1965 };
const keys = Object.keys(book);
const entries = Object.entries(book);
const copy = Object.assign({}, book, { year: 2021 });
checkpoint("copied");
console.log(keys, Object.values(book), entries, copy);
