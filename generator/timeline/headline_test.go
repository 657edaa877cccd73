package timeline

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/timeline-dev/timeline/generator/mentions"
)

// Each case: the sentence, the time expression that dates it (or "" for a
// sentence dated by its context), and the headline expected.
var headlineCases = []struct{ sentence, expr, want string }{
	{`“Whoever wants to coordinate and cooperate with us should be taking the matter seriously, and not with double standards,” foreign minister Walid al-Moallem told reporters in Damascus in August.`, "August",
		// Too long: the quotation ends at a clause boundary and is closed
		// there, a partial quotation rather than a truncated one.
		`Al-Moallem: “Whoever wants to coordinate and cooperate with us should be taking the matter seriously”`},
	{`Khattar Abou Diab, a political science lecturer at the Université Paris-Sud, told Asharq Al-Awsat that the information revealed by Miqdad “was not new, because we heard rumors recently about a visit to Damascus by the head of intelligence in Germany.”`, "",
		`Diab: the information revealed by Miqdad “was not new”`},
	{`Gabrielle Rifkind, director Middle East programme at Oxford Research Group told MEE earlier this week that “due to the common threat of ISIS there may be some kind of recognition behind the scenes that you may have to work quietly with your enemy’s enemy.”`, "earlier this week",
		// " that " ends a headline after a noun, not after a verb of saying.
		`Rifkind: “due to the common threat of ISIS there may be some kind of recognition behind the scenes”`},
	// A cut that leaves only a clause opened by "while" drops the word; a
	// person's claim keeps its speaker.
	{`While some Western nations are waiting for the outcome of peace talks in Geneva next week before reassessing their engagement with Syria, others are asking to "co-operate on security measures", Mekdad claims.`, "next week",
		`Mekdad: some Western nations are waiting for the outcome of peace talks in Geneva next week`},
	{`“I would not specify but many of them have visited Damascus, yes,” Mekdad said in a broadcast aired Tuesday night.`, "Tuesday night",
		`Mekdad: “I would not specify but many of them have visited Damascus, yes”`},
	{`The Wall Street Journal, citing diplomats and officials, said a retired officer from Britain's MI6 foreign intelligence agency was the first to visit, in the middle of 2013.`, "the middle of 2013",
		`A retired officer from Britain's MI6 foreign intelligence agency was the first to visit`},
	{`German, French and Spanish agencies have been speaking to regime officials since November, the U.S. daily said.`, "November",
		`German, French and Spanish agencies have been speaking to regime officials`},
	{`Last month the United States and Britain suspended their non-lethal aid to the opposition, fearing the growing influence of radical Islamists in the conflict.`, "Last month",
		`The United States and Britain suspended their non-lethal aid to the opposition`},
	{`French President Francois Hollande said Tuesday that 700 people had left France to join the fighting in Syria, while British Foreign Secretary William Hague said on Monday that hundreds of Britons had also gone to Syria to fight.`, "Tuesday",
		`French President Francois Hollande said that 700 people had left France to join the fighting in Syria`},
	{`French President Francois Hollande said Tuesday that 700 people had left France to join the fighting in Syria, while British Foreign Secretary William Hague said on Monday that hundreds of Britons had also gone to Syria to fight.`, "Monday",
		`British Foreign Secretary William Hague said that hundreds of Britons had also gone to Syria to fight`},
	{`Washington and Beirut, Asharq Al-Awsat—US officials denied holding any talks with the embattled Syrian government on Wednesday, following claims by a Syrian minister that Bashar Al-Assad’s government had held talks with Western intelligence agencies on the threat of Islamic extremists fighting in the conflict.`, "Wednesday",
		`US officials denied holding any talks with the embattled Syrian government`},
	// A dateline with the agency's initials (the Philae story).
	{`DARMSTADT, Germany (TP) — The European space probe that landed on a comet bounced twice before coming to rest in the shadow of a cliff, where its solar panels get too little light to recharge its batteries, scientists said Thursday.`, "Thursday",
		`The European space probe that landed on a comet bounced twice before coming to rest in the shadow of a cliff`},
	{`As early as 2013 – before the Islamic State were thrown into the spotlight with their takeover of Mosul in Iraq – American neoconservative writer Daniel Pipes had argued for cooperation with the Assad regime as the lesser of two “evil forces.”`, "2013",
		// Too long: cut before a clause or phrase the happening stands
		// without, not mid-phrase with an ellipsis (issue 16).
		`American neoconservative writer Daniel Pipes had argued for cooperation with the Assad regime`},
	{`Arab media outlets reported in recent days that the Al-Qaida-affiliated group Islamic State in Iraq and the Levant gained control over the city of al-Raqqa, in north-central Syria, after being turned back last week by the Islamic Front and the Free Syrian Army.`, "last week",
		`The Al-Qaida-affiliated group Islamic State in Iraq and the Levant gained control over the city of al-Raqqa`},
	{`“We do think it’s a growing problem,” he told BBC radio on Wednesday.`, "Wednesday",
		`“We do think it’s a growing problem”`},
	{`Asked about the report, U.S. Secretary of State John Kerry indicated he was not aware of such contacts.`, "",
		`U.S. Secretary of State John Kerry indicated he was not aware of such contacts`},
	{`The US and Bashar al-Assad’s government are cooperating on intelligence in order to combat the Islamic State, according to Syrian newspaper Al-Watan.`, "",
		`The US and Bashar al-Assad’s government are cooperating on intelligence in order to combat the Islamic State`},
	{`Separately the Wall Street Journal newspaper reported that British, German, French and Spanish agencies have been speaking to Assad regime officials since mid-2013.`, "mid-2013",
		`British, German, French and Spanish agencies have been speaking to Assad regime officials`},
	// What a page taken from the web puts before an article's first words
	// (Timeline17): title, place, stamp and agency; a stamp; a byline.
	{`U.S. to keep heat on BP to stop oil leak - Salazar WASHINGTON | Sun May 2, 2010 9:05 am EDT WASHINGTON May 2 (Reuters) - The Obama administration will keep its "boot on the neck" of BP until the leak is stopped, Interior Secretary Ken Salazar said on Sunday.`, "Sunday",
		`Salazar: the Obama administration will keep its "boot on the neck" of BP until the leak is stopped`},
	{`NEW ORLEANS | Mon Jul 12, 2010 7:47 pm EDT NEW ORLEANS - Sal Sunseri's oyster company has worked the Gulf waters for 134 years.`, "",
		`Sal Sunseri's oyster company has worked the Gulf waters for 134 years`},
	{`Thu May 14, 2009 4:16 pm EDT LOS ANGELES - The Jonas Brothers postponed their shows in Monterrey on Thursday.`, "Thursday",
		`The Jonas Brothers postponed their shows in Monterrey`},
	{`Friday 14 January 2005 02.44 GMT The trial of the man labeled the primary torturer at Abu Ghraib opened on Thursday.`, "Thursday",
		`The trial of the man labeled the primary torturer at Abu Ghraib opened`},
	{`By the CNN Wire Staff South African President Jacob Zuma chaired an African Union meeting on Libya in Pretoria on Sunday.`, "Sunday",
		`South African President Jacob Zuma chaired an African Union meeting on Libya in Pretoria`},
	// Fragments the cut left (Timeline17 key events): a headline ends
	// neither on a word that needs what follows ("just [that]", "allies,
	// some [after ...]", "France, one day [after ...]") nor before its
	// verb ("An international military coalition including France", a
	// name and its title).
	{`Multiple eyewitnesses have reported that Benghazi is now in the hands of protesters and their military allies, some after dropping allegiances to Gadhafi’s regime.`, "",
		`Benghazi is now in the hands of protesters and their military allies`},
	{`But yesterday the World Health Organisation’s Margaret Chan achieved just that by declaring the first influenza pandemic in 40 years.`, "yesterday",
		`The World Health Organisation’s Margaret Chan achieved just that by declaring the first influenza pandemic`},
	{`Deputy Foreign Minister Khaled Kaim, for instance, said Friday that Libya has suspended diplomatic relations with France, one day after the French government recognized the newly created Libyan opposition movement as the sole representative of the country.`, "Friday",
		`Kaim: Libya has suspended diplomatic relations with France`},
	{`An international military coalition including France, the United States and Great Britain attacked Libyan air-defense and other military targets Saturday night in an operation that eventually will include enforcing a no-fly zone.`, "Saturday night",
		// No cut leaves a statement short enough: cut at a word, with an
		// ellipsis, rather than before the verb.
		`An international military coalition including France, the United States and Great Britain attacked Libyan…`},
	{`Libya’s deputy U.N. ambassador, Ibrahim al-Dabashi, appealed to the United Nations to impose a no-fly zone over the country after he broke with Gadhafi’s regime and expressed support for the protesters more than a week ago.`, "more than a week ago",
		`Libya’s deputy U.N. ambassador, Ibrahim al-Dabashi, appealed to the United Nations to impose a no-fly zone`},
	// A date with a possessive stays: "abstained from Thursday’s vote",
	// not "abstained’s vote".
	{`The other nations that abstained from Thursday’s vote were Russia, China, Brazil and India.`, "Thursday",
		`The other nations that abstained from Thursday’s vote were Russia, China, Brazil and India`},
	{`After a fifth consecutive night of pounding by coalition jets, Libyans gathered at a seaside cemetery in Tripoli on Thursday for the funerals of 33 people Gadhafi’s government said were victims of an airstrike.`, "Thursday",
		`After a fifth consecutive night of pounding by coalition jets, Libyans gathered at a seaside cemetery`},
}

// TestHeadlineCuts: a headline too long ends before a clause, never on a
// word that needs what follows.
func TestHeadlineCuts(t *testing.T) {
	for _, c := range []struct{ sentence, want string }{
		{"Arab media outlets quoted Turkish President Abdullah Gul as saying that the current situation in Syria was unsustainable for the region.",
			"Arab media outlets quoted Turkish President Abdullah Gul"},
		{"The New York Times quoted a senior Hezbollah member as saying that coordination between the US and Syria was already under way in the north.",
			"The New York Times quoted a senior Hezbollah member"},
		{"Britain’s Foreign Office refused to comment on what Mekdad said, saying it does not comment on intelligence matters of any kind at all.",
			"Britain’s Foreign Office refused to comment on what Mekdad said"},
		// No clause boundary: before a phrase the statement stands without.
		{"Forces loyal to Moammar Gadhafi have unleashed their biggest attack yet against a rebel stronghold in the east of the country, witnesses said",
			"Forces loyal to Moammar Gadhafi have unleashed their biggest attack yet against a rebel stronghold"},
		{"Leading Shia politicians say they have finally brokered a deal with Kurdish parties to end a debilitating deadlock over the new government",
			"Leading Shia politicians say they have finally brokered a deal with Kurdish parties"},
		// ... but not before what a verb needs ("agreed to pay").
		{"Officials from the company that operated the drilling rig for the oil giant BP in the Gulf of Mexico have now agreed to pay compensation",
			"Officials from the company that operated the drilling rig for the oil giant BP"},
		// A quotation that goes on in the next sentence is closed.
		{"The BBC’s Richard Lister in Washington says: “The US military mobilisation is now well under way.",
			"The BBC’s Richard Lister in Washington says: “The US military mobilisation is now well under way”"},
	} {
		if got := finish(c.sentence); got != c.want {
			t.Errorf("finish(%q)\n got %q\nwant %q", c.sentence, got, c.want)
		}
	}
}

func TestCompress(t *testing.T) {
	for _, c := range headlineCases {
		m := &mentions.Mention{Sentence: c.sentence, Start: 0, End: len(c.sentence), Basis: mentions.NewsDay}
		if c.expr != "" {
			i := strings.Index(c.sentence, c.expr)
			if i < 0 {
				t.Fatalf("no %q in %q", c.expr, c.sentence)
			}
			m.Basis, m.ExprStart, m.ExprEnd = mentions.Expression, i, i+len(c.expr)
		}
		got := Headline(compress(m))
		if got != c.want {
			t.Errorf("headline of %.60q…\n got %q\nwant %q", c.sentence, got, c.want)
		}
		if n := utf8.RuneCountInString(got); n > MaxHeadline {
			t.Errorf("%q is %d characters long", got, n)
		}
	}
}

// dropDateline takes a dateline off the head of a sentence: places, an
// outlet, an agency's name in parentheses, then a dash.
func TestDropDateline(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`Washington and Beirut, Asharq Al-Awsat—US officials denied holding any talks.`, `US officials denied holding any talks.`},
		{`DARMSTADT, Germany (TP) — The European space probe that landed on a comet bounced twice.`, `The European space probe that landed on a comet bounced twice.`},
		{`CAIRO (Agence France-Presse) – Protesters filled the square again on Friday.`, `Protesters filled the square again on Friday.`},
		// No dash after the parentheses: no dateline.
		{`Engineers at ESA (the European Space Agency) said the lander was silent.`, `Engineers at ESA (the European Space Agency) said the lander was silent.`},
	} {
		if got := dropDateline(c.in); got != c.want {
			t.Errorf("dropDateline(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
