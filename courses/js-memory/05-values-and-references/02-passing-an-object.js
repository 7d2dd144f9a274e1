function rename(person, name) {
  person.name = name;
  person = { name: "stranger" };
  checkpoint("inside");
  return person;
}
const ada = { name: "Ada" };
const other = rename(ada, "{{ new_name }}");
console.log(ada.name, other.name);
console.log(ada === other);
