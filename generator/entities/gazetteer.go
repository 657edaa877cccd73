package entities

import "strings"

// The tables below are the finder's knowledge. Keys of organizations and
// places are folded (lowercase, no accents, no periods).

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// aliases builds a map from each alias to its key; lines are
// "key: alias | alias | ...".
func aliases(table string) map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(table, "\n") {
		key, rest, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.TrimSpace(key)
		m[fold(key)] = key
		for _, a := range strings.Split(rest, "|") {
			if a = strings.TrimSpace(a); a != "" {
				m[fold(a)] = key
			}
		}
	}
	return m
}

// connectors may join capitalized words inside one name.
var connectors = set("of for the al el bin ibn de du da van von der la le")

// starters are capitalized words that begin sentences and are never
// names by themselves.
var starters = set(`The A An This That These Those It Its He She His Her They Their We Our I You Your
But And Or So Yet If As At In On For From By With Without To Of Also Separately However Meanwhile
Asked Citing According While When After Before Since Although Though Despite During Under Over
Last Next Earlier Later Many Some Several Most All Both Each Other Others Such No Not Only Even
There Here Where What Who Whom Whose Which Why How Indeed Frankly Yes Well Still Then Now Today
Whoever Whatever Continued Better Children Officials Sources Critics Analysts Experts`)

// common are ordinary words that may appear capitalized (first word of a
// sentence, a headline) but are not names by themselves.
var common = set(`the a an this that it he she they we i you but and or so if as at in on for from by with
also separately however meanwhile asked citing according while when after before since although
last next earlier later many some several most all both each other such no not only even there here
where what who which why how indeed frankly yes well still then now today whoever continued better
report reports officials sources western eastern northern southern foreign deputy minister president
secretary general chief spokesman spokeswoman government regime opposition rebels forces intelligence
security agencies agency services service council talks conference meeting summit war peace aid
islamist islamists jihadist jihadists militants fighters credit photo
engineers scientists researchers experts analysts witnesses residents doctors investigators diplomats
lawmakers protesters demonstrators workers soldiers troops authorities observers economists engineer
scientist researcher expert analyst witness resident doctor investigator diplomat`)

// titles come before a person's name.
var titles = set(`President Vice Prime Minister Deputy Foreign Defence Defense Interior Finance Secretary State
General Gen Lt Col Colonel Major Maj Capt Captain Admiral Adm Sgt Commander Gov Governor Senator Sen
Rep Representative Mr Mrs Ms Dr Prof Professor Sheikh Shaikh King Queen Prince Princess Emir Sultan
Ambassador Chancellor Pope Cardinal Bishop Rabbi Imam Ayatollah Judge Justice Mayor Chairman Chairwoman
Director Spokesman Spokeswoman Chief Envoy Special Premier Supreme Leader Field Marshal Brigadier
Lord Lady Sir Dame Sen. Rev Reverend Father Brother Sister President-elect Crown Home Security Adviser Advisor National
Speaker Officer Commissioner Inspector Superintendent Detective Agent Correspondent Editor Writer Analyst Fellow`)

// orgWords mark a run as an organization when they end (or start) it.
var orgWords = set(`Agency Agencies Department Ministry Office Army Navy Force Forces Front Council Coalition Union
Nations Journal Times Post News Press Herald Tribune Telegraph Guardian Gazette Courier Radio Television TV
Network Broadcasting Corporation Company Co Inc Corp Ltd Group Guards Brigade Brigades Party Movement
Committee Commission Parliament Congress Senate Assembly Court Bank Fund Organization Organisation
Institute Center Centre University College School Foundation Society Association Federation League
Service Services Police Authority Administration Bureau Church Mission Programme Program Project Alliance
Watch Network Airlines Airways Daily Weekly Review Magazine Agency's Front's State Université Universite Universität Universidad`)

// reportingVerbs follow a speaker's name: "Mekdad said".
var reportingVerbs = set(`said says say told tells added adds claimed claims argued argues denied denies
confirmed confirms stated states explained explains noted notes insisted insists warned warns asked asks
replied replies announced announces reported reports wrote writes indicated indicates declined declines
estimated estimates acknowledged admits admitted suggested suggests described describes called calls`)

// dateWords are capitalized but are dates, not names.
var dateWords = set(`january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
mon tue tues wed thu thur thurs fri sat sun`)

// organizations maps names of news and political organizations to a key.
var organizations = aliases(`
bbc: BBC | British Broadcasting Corporation | BBC radio | BBC Radio | BBC News
afp: AFP | Agence France-Presse | Agence France Presse
reuters: Reuters
associated press: AP | Associated Press
cnn: CNN
al jazeera: Al Jazeera | Al-Jazeera
wall street journal: Wall Street Journal | WSJ | Journal
new york times: New York Times | NYT
washington post: Washington Post
the guardian: Guardian
al-watan: Al-Watan | Al Watan | Watan
asharq al-awsat: Asharq Al-Awsat | Asharq Al-awsat | Asharq al-Awsat
haaretz: Haaretz
naharnet: Naharnet
middle east eye: Middle East Eye | MEE
the week: The Week
united nations: United Nations | UN | U.N. | U.N | UNHCR | U.N. Security Council | Security Council
european union: European Union | EU | E.U.
nato: NATO | North Atlantic Treaty Organization
state department: State Department | US State Department | U.S. State Department | Department of State
foreign office: Foreign Office | British Foreign Office | Britain's Foreign Office | FCO
pentagon: Pentagon | Defense Department | Department of Defense
white house: White House
kremlin: Kremlin
cia: CIA | Central Intelligence Agency
fbi: FBI
mi6: MI6 | British MI6 | Secret Intelligence Service | SIS
mi5: MI5
mossad: Mossad
hezbollah: Hezbollah | Hizbullah | Hizballah | Hizbollah
hamas: Hamas
al-qaida: Al-Qaida | Al-Qaeda | Al Qaeda | al-Qaeda | al-Qaida | Al Qaida | Qaeda | Qaida
islamic state: Islamic State | IS | ISIS | ISIL | Daesh | Islamic State of Iraq and Syria | Islamic State of Iraq and the Levant | Islamic State in Iraq and the Levant
free syrian army: Free Syrian Army | FSA
islamic front: Islamic Front
syrian national coalition: Syrian National Coalition | National Coalition
revolutionary guards: Iranian Revolutionary Guards | Revolutionary Guards | IRGC | Revolutionary Guard
congress: Congress | US Congress | U.S. Congress
parliament: Parliament | UK Parliament
oxford research group: Oxford Research Group
kings college london: King's College London
`)

// places maps countries, cities, regions and their demonyms to a key.
var places = aliases(`
united states: United States | United States of America | US | U.S. | U.S | USA | U.S.A. | America | American | Americans | Washington
united kingdom: United Kingdom | UK | U.K. | Britain | Great Britain | British | Briton | Britons | England | English | London
france: France | French | Paris
germany: Germany | German | Germans | Berlin
spain: Spain | Spanish | Madrid
italy: Italy | Italian | Rome
russia: Russia | Russian | Russians | Moscow
china: China | Chinese | Beijing
iran: Iran | Iranian | Iranians | Tehran
iraq: Iraq | Iraqi | Iraqis | Baghdad | Mosul
syria: Syria | Syrian | Syrians | Damascus
lebanon: Lebanon | Lebanese | Beirut
israel: Israel | Israeli | Israelis | Jerusalem | Tel Aviv
palestine: Palestine | Palestinian | Palestinians | Gaza | West Bank
jordan: Jordan | Jordanian | Amman
turkey: Turkey | Turkish | Turks | Ankara | Istanbul
egypt: Egypt | Egyptian | Cairo
saudi arabia: Saudi Arabia | Saudi | Saudis | Riyadh | KSA
qatar: Qatar | Qatari | Doha
kuwait: Kuwait | Kuwaiti | Kuwait City
united arab emirates: United Arab Emirates | UAE | Emirati | Abu Dhabi | Dubai
bahrain: Bahrain | Bahraini
yemen: Yemen | Yemeni
libya: Libya | Libyan | Tripoli | Benghazi
tunisia: Tunisia | Tunisian
algeria: Algeria | Algerian
morocco: Morocco | Moroccan
afghanistan: Afghanistan | Afghan | Kabul
pakistan: Pakistan | Pakistani | Islamabad
india: India | Indian | New Delhi
japan: Japan | Japanese | Tokyo
switzerland: Switzerland | Swiss | Geneva | Bern | Zurich
belgium: Belgium | Belgian | Brussels
netherlands: Netherlands | Dutch | The Hague | Amsterdam
sweden: Sweden | Swedish
norway: Norway | Norwegian
denmark: Denmark | Danish
poland: Poland | Polish
ukraine: Ukraine | Ukrainian | Kiev | Kyiv
greece: Greece | Greek | Athens
cyprus: Cyprus | Cypriot
austria: Austria | Austrian | Vienna
canada: Canada | Canadian | Ottawa
australia: Australia | Australian
europe: Europe | European | Europeans
the west: West | Western
middle east: Middle East | MENA | Levant
gulf: Gulf | Persian Gulf | Gulf Arab
arab world: Arab world | Arab | Arabs | Arab states
north africa: North Africa
aleppo: Aleppo | Old Aleppo
raqqa: Raqqa | al-Raqqa | Al-Raqqa | Rakka
homs: Homs
idlib: Idlib
tell abyad: Tell Abyad
`)
