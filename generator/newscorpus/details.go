package newscorpus

// details are undated sentences that go on telling a happening, after the
// sentence that reports and dates it (keyed by the template's headline).
var details = map[string][]string{
	"{D} votes to strike at {C}": {
		"Turnout in the ballot was {Q} per cent, the union said.",
		"{A} said the result showed how angry workers at {C} had become.",
		"{C} said it was disappointed by the vote and urged the union to return to talks.",
	},
	"{N} workers walk out at {C} in {P}": {
		"Picket lines formed at the gates of the {C} {X} before dawn.",
		"{C} said {N} shifts had been cancelled because of the walkout.",
		"Lorries queued outside the {X} in {P} as the strike took hold.",
	},
	"Talks between {D} and {C} end without a deal": {
		"Both sides blamed each other for the failure of the talks over pay at {C}.",
		"{A} said the management of {C} had not moved an inch.",
		"{B} said the union's demands would put the future of the {C} plant at risk.",
	},
	"{C} offers {Q} per cent pay rise": {
		"The offer of {Q} per cent would apply to all staff at {C} for two years.",
		"{B} said the {Q} per cent offer was the best the company could afford.",
	},
	"{D} rejects {C} pay offer": {
		"{A} said the {Q} per cent offer from {C} did not cover the rise in prices.",
		"Members of {D} voted overwhelmingly against the {C} offer at a meeting in {P}.",
	},
	"Striking {C} workers march through {P}": {
		"Marchers carried banners calling on {C} to pay a fair wage.",
		"Police said the march through {P} passed off peacefully.",
		"Shopkeepers in {P} closed early as the marchers from {C} passed.",
	},
	"Court orders {D} to suspend {C} strike": {
		"The court in {P} ruled that {D} had not given enough notice of the {C} strike.",
		"{A} said {D} would appeal against the ruling.",
		"{C} welcomed the court's decision and asked workers to return to the {P} site.",
	},
	"{E} steps in to mediate {C} dispute": {
		"{E} said the government could not stand by while the {C} dispute dragged on.",
		"Both {D} and {C} agreed to attend the meeting called by the minister.",
	},
	"{D} and {C} agree deal to end strike": {
		"Workers at {C} were expected to return to their jobs within days of the deal.",
		"{A} called the deal with {C} a victory for every worker in {T}.",
		"{B} said the agreement with {D} would allow {C} to plan for the future.",
	},
	"Report alleges {A} took bribes from {C}": {
		"The report cited bank records showing transfers of {M} million from {C}.",
		"{C} said it had always acted within the law in its dealings with {A}.",
		"The allegations against {A} caused an uproar at city hall in {P}.",
	},
	"{D} opens inquiry into {A}": {
		"{B} said the inquiry into {A} would examine contracts going back a decade.",
		"{D} assigned a team of investigators to the contracts awarded to {C}.",
	},
	"Police raid {C} offices in {P}": {
		"Officers left the {C} {X} in {P} with boxes of documents and computers.",
		"{C} said it was cooperating fully with the investigators in {P}.",
		"Several {C} employees were questioned during the raid in {P}.",
	},
	"{A} denies wrongdoing": {
		"{A} said the payments from {C} had been legal donations.",
		"{A} accused rivals of spreading lies to end a political career.",
	},
	"{A} suspended from office": {
		"A deputy mayor took charge of the city of {T} after {A} was suspended.",
		"{A} called the suspension an attack on the will of the voters of {T}.",
	},
	"{A} charged with bribery": {
		"The charges against {A} carry a sentence of up to twelve years in prison.",
		"Two executives of {C} were charged alongside {A}.",
		"Lawyers for {A} said the charges of bribery would not stand up in court.",
	},
	"Trial of {A} opens in {P}": {
		"Prosecutors told the court in {P} that {A} had received {M} million from {C}.",
		"{A} pleaded not guilty to all charges at the court in {P}.",
		"Dozens of supporters of {A} gathered outside the courthouse in {P}.",
	},
	"{A} found guilty and sentenced to {H} years": {
		"The court in {P} also ordered {A} to repay {M} million.",
		"{A} showed no emotion as the sentence of {H} years was read out.",
		"Lawyers for {A} said they would appeal against the conviction.",
	},
	"Government unveils plan for new bridge at {T}": {
		"The plan for the {T} bridge includes four lanes and a railway line.",
		"{A} said the bridge at {T} would bring jobs to the whole valley.",
	},
	"{C} wins {T} bridge contract": {
		"{C} beat three other bidders for the {T} bridge contract.",
		"{B} said {C} would hire {N} workers to build the bridge at {T}.",
	},
	"Construction of {T} bridge begins": {
		"Cranes and barges from {C} moved into position on the river at {T}.",
		"{A} said the bridge at {T} would be finished within three years.",
	},
	"Cracks found in {T} bridge pillars": {
		"Engineers from {D} said the cracks in the {X} at {T} were several metres long.",
		"{C} said the cracks in the {X} were not a threat to the safety of the bridge.",
		"Work on the bridge at {T} was halted while the {X} were examined.",
	},
	"{T} bridge costs rise to {M2} million": {
		"The original budget for the {T} bridge was {M} million.",
		"{C} blamed the higher price of steel for the rising cost of the bridge at {T}.",
	},
	"Residents of {T} protest over bridge delays": {
		"Protesters in {T} carried a mock coffin labelled with the name of the bridge.",
		"{E} told the crowd in {T} that the people had been patient for too long.",
	},
	"{A} promises {T} bridge will open next year": {
		"{A} said the problems with the {T} bridge had been solved.",
		"Opposition deputies said they had heard the same promise about the {T} bridge before.",
	},
	"{T} bridge opens to traffic": {
		"Hundreds of people walked across the bridge at {T} before the first cars were let on.",
		"The journey from {T} to the capital is now about an hour shorter.",
		"{B} said {C} was proud of the bridge at {T} despite the delays.",
	},
	"{A} launches campaign for governor of {T}": {
		"{A} promised to create {N} jobs in {T} province in the first term.",
		"Supporters of {C} waved flags as {A} spoke in {P}.",
	},
	"{B} seeks second term in {T}": {
		"{B} pointed to new roads and schools built in {T} province during the first term.",
		"{D} said {B} was the only candidate with experience of running the province.",
	},
	"{A} and {B} clash in televised debate": {
		"{A} accused {B} of broken promises on jobs and roads in {T}.",
		"{B} said {A} had no experience of government.",
		"Viewers said {A} had the better of the debate, according to an online survey.",
	},
	"Poll puts {A} ahead in {T}": {
		"The poll of {N} voters in {T} province had a margin of error of three points.",
		"{B} said the only poll that mattered was the election itself.",
	},
	"Voters go to the polls in {T}": {
		"Queues formed outside polling stations in {P} before they opened.",
		"{E} said voting in {T} province had gone smoothly in most places.",
	},
	"{A} wins governorship of {T}": {
		"{A} thanked the voters of {T} province at a victory party in {P}.",
		"{B} conceded defeat in a short speech to supporters in {P}.",
		"The victory of {A} ended years of rule by {D} in {T}.",
	},
	"{B} challenges {T} result in court": {
		"{B} said the result in {T} had been stolen by fraud.",
		"{E} said the commission stood by the result in {T} province.",
	},
	"{A} sworn in as governor of {T}": {
		"{A} promised to govern for all the people of {T} province.",
		"Several ministers attended the swearing-in of {A} in {P}.",
	},
	"Floods hit {T} after days of rain": {
		"Water reached the first floor of houses in parts of {T}.",
		"Roads into {T} were cut off and power failed across the valley.",
		"Rescuers searched for residents trapped in their homes in {T}.",
	},
	"Thousands evacuated from {P}": {
		"The evacuees from {P} were taken to schools and sports halls.",
		"{B} said the evacuation of {P} had saved many lives.",
		"Some residents of {P} refused to leave their homes despite the order.",
	},
	"Death toll from {T} floods rises to {N3}": {
		"Most of the {N3} victims of the floods drowned in their homes.",
		"Rescuers were still searching for people missing in the {T} valley.",
	},
	"{A} visits flooded {P}": {
		"Residents of {P} told {A} that help had come too late.",
		"{A} promised that every family in {P} would receive help.",
	},
	"Government pledges {M} million for flood victims": {
		"The fund of {M} million will pay for the repair of homes and farms in the {T} valley.",
		"Opposition deputies said {M} million would not be enough for the {T} valley.",
	},
	"{D} sends aid to {P}": {
		"Volunteers from {D} unloaded lorries of supplies in {P}.",
		"{D} said it had enough supplies in {P} for several weeks.",
	},
	"Inquiry into {T} flood defences opens": {
		"The inquiry will examine why the levees at {T} gave way.",
		"Families of flood victims attended the first hearing of the inquiry in {P}.",
	},
	"Inquiry blames {T} levee maintenance": {
		"The report on the levees at {T} called for {M} million to be spent on new defences.",
		"{A} accepted the findings of the inquiry into the {T} floods in full.",
	},
	"Border incident strains ties with {F}": {
		"{F} said its troops had been fired on first near {P}.",
		"{A} called the incident near {P} a grave violation of the border.",
		"Villagers near {P} fled their homes after the shooting.",
	},
	"{A} summons ambassador of {F}": {
		"The ambassador of {F} was handed a formal note of protest over the incident at {P}.",
		"{F} said the protest over {P} was unjustified.",
	},
	"{E} calls for talks on border": {
		"{E} offered to host the talks between the two countries.",
		"Both governments said they were ready in principle to talk about the border near {P}.",
	},
	"Border talks with {F} open in {P}": {
		"The talks in {P} are the first between the two countries in years.",
		"{A} said the delegation had come to {P} with an open mind.",
		"{B} said {F} wanted a fair settlement of the border.",
	},
	"Border talks stall over {X}": {
		"The two sides could not agree on {X} along the border near {T}.",
		"{B} accused the other side of bad faith in the dispute over {X}.",
	},
	"Talks with {F} resume in {P}": {
		"{E} said both sides had shown goodwill by returning to {P}.",
		"The talks in {P} were held behind closed doors.",
	},
	"{A} and {B} sign border agreement": {
		"Under the agreement, the border near {T} will be marked by a joint commission.",
		"{A} and {B} shook hands in front of cameras after signing the border agreement in {P}.",
		"{E} called the border agreement a model for the region.",
	},
	"Parliament ratifies border treaty with {F}": {
		"Nationalist deputies voted against the treaty with {F}.",
		"The treaty with {F} enters into force once both parliaments have ratified it.",
	},
	"{C} bids {M} million for {D}": {
		"The offer of {M} million from {C} was well above the market value of {D}.",
		"{A} said buying {D} would make {C} a leader in its market.",
	},
	"{D} board rejects {C} bid": {
		"{B} said {D} was worth far more than {C} had offered.",
		"Shares in {D} fell after the board turned down the offer from {C}.",
	},
	"{C} raises offer for {D}": {
		"The new offer of {M2} million from {C} was aimed at winning over the shareholders of {D}.",
		"{A} said the raised bid for {D} was final.",
	},
	"Regulator opens review of {C} bid": {
		"The competition authority said its review of the bid for {D} could take months.",
		"{C} said it was confident the takeover of {D} would be approved.",
	},
	"{D} shareholders approve sale to {C}": {
		"The sale of {D} to {C} is expected to be completed within weeks.",
		"{B} said the shareholders of {D} had made their choice.",
	},
	"{C} announces {N} job cuts at {D}": {
		"Most of the {N} job cuts at {D} will fall in {P}, the company said.",
		"Unions at {D} called the job cuts a betrayal of the promises made by {C}.",
	},
	"{D} staff protest job cuts in {P}": {
		"The protesters from {D} blocked the main road in {P} for an hour.",
		"{C} said it would talk to the unions at {D} about the job cuts.",
	},
	"Measles cases confirmed in {T}": {
		"Most of the measles cases in {T} were children who had not been vaccinated.",
		"{C} said it was tracing everyone who had been in contact with the measles patients.",
	},
	"Schools in {P} closed over measles": {
		"Parents in {P} had to find childcare at short notice after the schools closed.",
		"{E} said the schools in {P} would stay closed until the measles outbreak slowed.",
	},
	"Vaccination campaign launched in {T}": {
		"Queues formed outside the vaccination clinics in {T} on the first morning of the campaign.",
		"{A} said the vaccination campaign in {T} was free for every child.",
	},
	"Measles cases in {T} pass {N}": {
		"Hospitals in {T} set up separate wards for measles patients as cases passed {N}.",
		"{C} said the number of measles cases in {T} was still rising.",
	},
	"Child dies of measles in {P}": {
		"The child who died of measles in {P} had not been vaccinated, doctors said.",
		"The death of the child in {P} led to calls for vaccination to be made compulsory.",
	},
	"{A} visits {D}": {
		"{A} promised more nurses and equipment for {D}.",
		"Staff at {D} told {A} they had worked without a break for weeks.",
	},
	"{T} outbreak declared over": {
		"In all, {N} people caught measles in the outbreak in {T}.",
		"{C} said the end of the outbreak in {T} was a result of the vaccination campaign.",
	},
}

// Vox pops: people of the story's town, each time a new one.
var (
	occupations = []string{"shopkeeper", "teacher", "taxi driver", "retired engineer", "nurse", "student", "farmer",
		"pensioner", "mechanic", "café owner", "bus driver", "accountant", "fisherman", "pharmacist", "builder"}
	opinions = []string{"Nobody in charge seems to listen to ordinary people",
		"We just want things to go back to normal", "I have lived here all my life and never seen anything like it",
		"It is the children I worry about", "They make promises and then they disappear",
		"People here are tired, but they are not giving up", "Everyone is talking about it, in the shops and on the buses",
		"I think they will sort it out in the end", "We deserve better than this",
		"My family has been hit hard", "It feels like the whole town is waiting",
		"I do not trust any of them any more", "Something had to change, and now it has",
		"We will see what happens, but I am not hopeful"}
	genericQuotes = []string{"We will do everything in our power to resolve this", "The facts will come out",
		"Nobody should jump to conclusions", "This is not the time for politics",
		"We have been clear from the start about where we stand", "We are listening to everyone involved",
		"There is still a lot of work to do", "I am confident that common sense will prevail"}
)
