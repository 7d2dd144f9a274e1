let team = {
  lead: { name: "Ada" },
  members: [{ name: "Bo" }, { name: "Cy" }],
};
const star = team.members[{{ index }}];
team = null;
checkpoint("A");
console.log(star.name);
