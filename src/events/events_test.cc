#include "events/events.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace pactgraph {
namespace {

// A hand-made document: entities are found by their names in the text, and
// time expressions and money by their surface forms, as the earlier stages
// would report them.
class Doc {
 public:
  explicit Doc(std::string text, std::string lang = "en") : text_(std::move(text)), lang_(std::move(lang)) {}

  // Adds an entity with a mention at every occurrence of each of `names`.
  size_t Entity(const std::string& type, const std::vector<std::string>& names) {
    DocEntity e{type, names.front(), {}};
    for (const std::string& n : names) {
      for (size_t p = text_.find(n); p != std::string::npos; p = text_.find(n, p + n.size())) {
        e.mentions.push_back(TextRange{static_cast<uint32_t>(p), static_cast<uint32_t>(p + n.size())});
      }
    }
    std::sort(e.mentions.begin(), e.mentions.end(),
              [](TextRange a, TextRange b) { return a.start < b.start; });
    ents_.entities.push_back(e);
    return ents_.entities.size() - 1;
  }
  void Role(size_t person, size_t org) { ents_.roles.push_back(DocRole{person, org, "", {}}); }
  void Time(const std::string& surface, const std::string& value, bool relative = false) {
    size_t p = text_.find(surface);
    ASSERT_NE(p, std::string::npos) << surface;
    Timex t;
    t.start = static_cast<uint32_t>(p);
    t.end = static_cast<uint32_t>(p + surface.size());
    t.type = "DATE";
    t.value = value;
    t.relative = relative;
    timexes_.push_back(t);
  }
  void Cash(const std::string& surface, double value, const std::string& currency) {
    size_t p = text_.find(surface);
    ASSERT_NE(p, std::string::npos) << surface;
    money_.push_back(Money{static_cast<uint32_t>(p), static_cast<uint32_t>(p + surface.size()), value, value,
                           currency, false});
  }
  void Published(const std::string& d) { published_ = d; }

  std::vector<DocEvent> Run() {
    static const std::unique_ptr<EventExtractor> extractor = [] {
      auto x = EventExtractor::Load(PACTGRAPH_DATA_DIR);
      EXPECT_TRUE(x.ok()) << x.status().ToString();
      return std::move(x).value();
    }();
    seg_ = Segment(text_, lang_);
    EventInput in{text_, &seg_, lang_, published_, &ents_, &timexes_, &money_};
    return extractor->Extract(in);
  }

 private:
  std::string text_, lang_, published_;
  Segmented seg_;
  EntityResult ents_;
  std::vector<Timex> timexes_;
  std::vector<Money> money_;
};

std::vector<DocEvent> OfType(const std::vector<DocEvent>& all, const std::string& type) {
  std::vector<DocEvent> out;
  for (const DocEvent& e : all) {
    if (e.type == type) out.push_back(e);
  }
  return out;
}

bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

TEST(Events, InvestmentWithAmountDateAndDirection) {
  Doc d(
      "Last year, Samsung made an investment of $100 million in the startup Anthropic to build a large "
      "language model.");
  size_t samsung = d.Entity("ORG", {"Samsung"}), anthropic = d.Entity("ORG", {"Anthropic"});
  d.Time("Last year", "2023", true);
  d.Cash("$100 million", 1e8, "USD");
  auto ev = OfType(d.Run(), "INVESTMENT");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].from, static_cast<long>(samsung));
  EXPECT_EQ(ev[0].to, static_cast<long>(anthropic));
  ASSERT_TRUE(ev[0].amount.has_value());
  EXPECT_EQ(ev[0].amount->value, 1e8);
  EXPECT_EQ(ev[0].amount->currency, "USD");
  EXPECT_EQ(ev[0].date, "2023");
  EXPECT_EQ(ev[0].status, "occurred");
  EXPECT_TRUE(Has(ev[0].topics, "LLM"));
  ASSERT_EQ(ev[0].evidence.size(), 1u);
}

TEST(Events, PassiveAcquisitionPointsFromBuyer) {
  Doc d("Acme Robotics was acquired by Globex in 2021 for $2 billion.");
  size_t acme = d.Entity("ORG", {"Acme Robotics"}), globex = d.Entity("ORG", {"Globex"});
  d.Time("2021", "2021");
  d.Cash("$2 billion", 2e9, "USD");
  auto ev = OfType(d.Run(), "ACQUISITION");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].from, static_cast<long>(globex));
  EXPECT_EQ(ev[0].to, static_cast<long>(acme));
  EXPECT_EQ(ev[0].date, "2021");
  ASSERT_TRUE(ev[0].amount.has_value());
}

TEST(Events, TheBuyerStandsAfterFromANounOrAnAdverb) {
  Doc d(
      "Halvora accepted a buyout from chipmaker Orbis on Monday. Kernwerk was in turn bought by Veyra. "
      "Nordvolt is in competition with Kairos to take over Brightlane.");
  size_t halvora = d.Entity("ORG", {"Halvora"}), orbis = d.Entity("ORG", {"Orbis"});
  size_t kernwerk = d.Entity("ORG", {"Kernwerk"}), veyra = d.Entity("ORG", {"Veyra"});
  size_t nordvolt = d.Entity("ORG", {"Nordvolt"}), kairos = d.Entity("ORG", {"Kairos"});
  size_t brightlane = d.Entity("ORG", {"Brightlane"});
  auto ev = OfType(d.Run(), "ACQUISITION");
  auto has = [&](size_t from, size_t to) {
    return std::any_of(ev.begin(), ev.end(), [&](const DocEvent& e) {
      return e.from == static_cast<long>(from) && e.to == static_cast<long>(to);
    });
  };
  EXPECT_TRUE(has(orbis, halvora));     // "a buyout from X": X buys
  EXPECT_TRUE(has(veyra, kernwerk));    // "was in turn bought by X"
  EXPECT_TRUE(has(nordvolt, brightlane));
  EXPECT_FALSE(has(nordvolt, kairos));  // a competitor, not a target
  EXPECT_EQ(ev.size(), 3u);
}

TEST(Events, AMediaSourceAtTheSentenceEndIsNoParty) {
  Doc d("Orvella will partner with Halvora on cloud chips, the Daily Ledger reported on Monday.");
  size_t orvella = d.Entity("ORG", {"Orvella"}), halvora = d.Entity("ORG", {"Halvora"});
  d.Entity("ORG", {"Daily Ledger"});
  auto ev = OfType(d.Run(), "PARTNERSHIP");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].participants, (std::vector<size_t>{orvella, halvora}));
}

TEST(Events, AnUnnamedOtherSideMakesNoPartners) {
  Doc d(
      "Volkswagen and Siemens spent 2004 in tough talks with unions. Viacom and Sony are involved in "
      "joint ventures with Chinese players. Orbis formed a joint venture with Halvora.");
  d.Entity("ORG", {"Volkswagen"});
  d.Entity("ORG", {"Siemens"});
  d.Entity("ORG", {"Viacom"});
  d.Entity("ORG", {"Sony"});
  size_t orbis = d.Entity("ORG", {"Orbis"}), halvora = d.Entity("ORG", {"Halvora"});
  auto all = d.Run();
  EXPECT_TRUE(OfType(all, "MEETING").empty());
  auto part = OfType(all, "PARTNERSHIP");
  ASSERT_EQ(part.size(), 1u);
  EXPECT_EQ(part[0].participants, (std::vector<size_t>{orbis, halvora}));
}

TEST(Events, GermanTreffenIsAMeetingOnlyWithSomeoneToMeet) {
  Doc d(
      "Im Viertelfinale trifft Orbis am Dienstag auf Halvora. Die neue Regel hat auch Kernwerk getroffen, "
      "sagte Veyra. Der Chef von Nordvolt hatte sich im März mit Kairos in Bonn getroffen.",
      "de");
  d.Entity("ORG", {"Orbis"});
  d.Entity("ORG", {"Halvora"});
  d.Entity("ORG", {"Kernwerk"});
  d.Entity("ORG", {"Veyra"});
  size_t nordvolt = d.Entity("ORG", {"Nordvolt"}), kairos = d.Entity("ORG", {"Kairos"});
  auto ev = OfType(d.Run(), "MEETING");
  ASSERT_EQ(ev.size(), 1u);  // a match and "hit" are no meetings
  EXPECT_EQ(ev[0].participants, (std::vector<size_t>{nordvolt, kairos}));
}

TEST(Events, PeopleBringTheirOrganisationsToAMeeting) {
  Doc d("Lee Jae-yong met Satya Nadella in Seoul on Tuesday to discuss cloud computing.");
  size_t lee = d.Entity("PERSON", {"Lee Jae-yong"}), nadella = d.Entity("PERSON", {"Satya Nadella"});
  size_t samsung = d.Entity("ORG", {"Samsung"}), microsoft = d.Entity("ORG", {"Microsoft"});
  size_t seoul = d.Entity("LOC", {"Seoul"});
  d.Role(lee, samsung);
  d.Role(nadella, microsoft);
  d.Time("Tuesday", "2024-05-14", true);
  auto ev = OfType(d.Run(), "MEETING");
  ASSERT_EQ(ev.size(), 1u);
  std::vector<size_t> want{lee, nadella, samsung, microsoft};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(ev[0].participants, want);
  EXPECT_EQ(ev[0].place, static_cast<long>(seoul));
  EXPECT_EQ(ev[0].status, "occurred");
  EXPECT_EQ(ev[0].date, "2024-05-14");
  EXPECT_TRUE(Has(ev[0].topics, "cloud"));
}

TEST(Events, MeetNeedsSomeoneToMeet) {
  Doc d(
      "Brightlane cut costs to meet analysts' expectations. Services from Halvora that let people meet and "
      "chat grew, said Orvella. Nordvolt and Kairos met in Oslo.");
  d.Entity("ORG", {"Brightlane"});
  d.Entity("ORG", {"Halvora"});
  d.Entity("ORG", {"Orvella"});
  size_t nordvolt = d.Entity("ORG", {"Nordvolt"}), kairos = d.Entity("ORG", {"Kairos"});
  auto ev = OfType(d.Run(), "MEETING");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].participants, (std::vector<size_t>{nordvolt, kairos}));
}

TEST(Events, MeetingPartiesComeFromTheTriggersClause) {
  // The speaker after a quotation and the agency told are not at the
  // meetings; a subject before a relative clause is.
  Doc d(
      "\"Rates will rise at upcoming meetings,\" Halvora economist Jane Roe told Reuters. "
      "Euronext, which runs three exchanges, also began talks with Brightlane.");
  d.Entity("ORG", {"Halvora"});
  d.Entity("PERSON", {"Jane Roe"});
  d.Entity("ORG", {"Reuters"});
  size_t euronext = d.Entity("ORG", {"Euronext"}), brightlane = d.Entity("ORG", {"Brightlane"});
  auto ev = OfType(d.Run(), "MEETING");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].participants, (std::vector<size_t>{euronext, brightlane}));
}

TEST(Events, AMeetingNeedsAnOrganisationAndTwoSides) {
  Doc d(
      "Anna Berg met Carla Diaz in the semi-final. Tom Ek of Veyra met Sam Lo, Veyra's finance chief. "
      "The G7 meeting in London was attended by Veyra. A meeting of the Open Chip Alliance followed.");
  d.Entity("PERSON", {"Anna Berg"});
  d.Entity("PERSON", {"Carla Diaz"});
  size_t ek = d.Entity("PERSON", {"Tom Ek"}), lo = d.Entity("PERSON", {"Sam Lo"});
  size_t veyra = d.Entity("ORG", {"Veyra"});
  d.Entity("ORG", {"G7"});
  d.Entity("ORG", {"Open Chip Alliance"});
  d.Role(ek, veyra);
  d.Role(lo, veyra);
  // People alone (a match), colleagues of one firm, and an alliance that
  // is only the frame of a meeting: no meeting between two sides.
  EXPECT_TRUE(OfType(d.Run(), "MEETING").empty());
}

TEST(Events, ModalityDecidesStatus) {
  Doc d(
      "Initech will partner with Hooli on data centers. Initech could supply HBM chips to Hooli. "
      "Initech reportedly supplies Vandelay.");
  size_t initech = d.Entity("ORG", {"Initech"}), hooli = d.Entity("ORG", {"Hooli"});
  d.Entity("ORG", {"Vandelay"});
  auto all = d.Run();
  auto part = OfType(all, "PARTNERSHIP");
  ASSERT_EQ(part.size(), 1u);
  EXPECT_EQ(part[0].status, "planned");
  EXPECT_TRUE(Has(part[0].topics, "data center"));
  auto supply = OfType(all, "SUPPLY");
  ASSERT_EQ(supply.size(), 2u);
  EXPECT_EQ(supply[0].from, static_cast<long>(initech));
  EXPECT_EQ(supply[0].to, static_cast<long>(hooli));
  EXPECT_EQ(supply[0].status, "speculative");
  EXPECT_TRUE(Has(supply[0].topics, "HBM"));
  EXPECT_FALSE(Has(supply[0].topics, "AI chips"));
  EXPECT_EQ(supply[1].status, "ongoing");
}

TEST(Events, TheTwoCompaniesReferBack) {
  Doc d("Samsung and Qualcomm held talks in San Diego. The two companies agreed to cooperate on AI chips.");
  size_t samsung = d.Entity("ORG", {"Samsung"}), qualcomm = d.Entity("ORG", {"Qualcomm"});
  d.Entity("LOC", {"San Diego"});
  auto part = OfType(d.Run(), "PARTNERSHIP");
  ASSERT_EQ(part.size(), 1u);
  std::vector<size_t> want{samsung, qualcomm};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(part[0].participants, want);
  EXPECT_EQ(part[0].status, "occurred");
  EXPECT_TRUE(Has(part[0].topics, "AI chips"));
}

TEST(Events, MeetingsWithAListAreOnePerParty) {
  Doc d("Alice Kim of Globex held meetings with the heads of Initech, Hooli and Vandelay.");
  size_t alice = d.Entity("PERSON", {"Alice Kim"}), globex = d.Entity("ORG", {"Globex"});
  d.Entity("ORG", {"Initech"});
  d.Entity("ORG", {"Hooli"});
  d.Entity("ORG", {"Vandelay"});
  d.Role(alice, globex);
  auto ev = OfType(d.Run(), "MEETING");
  ASSERT_EQ(ev.size(), 3u);
  for (const DocEvent& e : ev) EXPECT_EQ(e.participants.size(), 3u);
}

TEST(Events, GermanTriggersCuesAndAnaphora) {
  Doc d(
      "Celle, Deutschland - Samsung traf sich in Seoul mit Naver. "
      "Das Unternehmen soll eine Partnerschaft mit Naver eingehen. "
      "Naver ist Kunde von Samsung in Bezug auf Speicherchips.",
      "de");
  size_t samsung = d.Entity("ORG", {"Samsung"}), naver = d.Entity("ORG", {"Naver"});
  d.Entity("LOC", {"Celle"});
  size_t seoul = d.Entity("LOC", {"Seoul"});
  auto all = d.Run();
  auto meet = OfType(all, "MEETING");
  ASSERT_EQ(meet.size(), 1u);
  EXPECT_EQ(meet[0].place, static_cast<long>(seoul));
  EXPECT_EQ(meet[0].status, "occurred");
  auto part = OfType(all, "PARTNERSHIP");
  ASSERT_EQ(part.size(), 1u);
  EXPECT_EQ(part[0].status, "planned");
  auto supply = OfType(all, "SUPPLY");
  ASSERT_EQ(supply.size(), 1u);
  EXPECT_EQ(supply[0].from, static_cast<long>(samsung));
  EXPECT_EQ(supply[0].to, static_cast<long>(naver));
  EXPECT_TRUE(Has(supply[0].topics, "memory chips"));
}

TEST(Events, DatelineIsNeverThePlace) {
  Doc d("Celle, Deutschland - Ein Treffen zwischen Samsung und Naver fand statt.", "de");
  d.Entity("ORG", {"Samsung"});
  d.Entity("ORG", {"Naver"});
  d.Entity("LOC", {"Celle"});
  auto ev = OfType(d.Run(), "MEETING");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].place, -1);
}

TEST(Events, RepeatedMentionsMergeKeepingTheMostSpecificDate) {
  Doc d(
      "Globex agreed a partnership with Initech in May 2024. On May 14, 2024 Globex and Initech met in "
      "Berlin. "
      "The partnership between Globex and Initech covers robotics.");
  d.Entity("ORG", {"Globex"});
  d.Entity("ORG", {"Initech"});
  d.Entity("LOC", {"Berlin"});
  d.Time("May 2024", "2024-05");
  d.Time("May 14, 2024", "2024-05-14");
  auto part = OfType(d.Run(), "PARTNERSHIP");
  ASSERT_EQ(part.size(), 1u);
  EXPECT_EQ(part[0].evidence.size(), 2u);
  EXPECT_EQ(part[0].date, "2024-05");
  EXPECT_TRUE(Has(part[0].topics, "robotics"));
}

TEST(Events, DevelopsAProductListAndMembership) {
  Doc d(
      "Samsung is developing two AI chips, Mach-1 and Mach-2. SK Telecom is a member of the Global Telco AI "
      "Alliance.");
  size_t samsung = d.Entity("ORG", {"Samsung"});
  size_t m1 = d.Entity("PRODUCT", {"Mach-1"}), m2 = d.Entity("PRODUCT", {"Mach-2"});
  size_t skt = d.Entity("ORG", {"SK Telecom"}), gtaa = d.Entity("ORG", {"Global Telco AI Alliance"});
  auto all = d.Run();
  auto dev = OfType(all, "DEVELOPS");
  ASSERT_EQ(dev.size(), 2u);
  EXPECT_EQ(dev[0].from, static_cast<long>(samsung));
  EXPECT_EQ(dev[0].to, static_cast<long>(m1));
  EXPECT_EQ(dev[1].to, static_cast<long>(m2));
  EXPECT_EQ(dev[0].status, "ongoing");
  auto mem = OfType(all, "MEMBERSHIP");
  ASSERT_EQ(mem.size(), 1u);
  EXPECT_EQ(mem[0].from, static_cast<long>(skt));
  EXPECT_EQ(mem[0].to, static_cast<long>(gtaa));
}

TEST(Events, NothingWithoutTwoParties) {
  Doc d("The meeting was held in Seoul. Talks about a partnership continue.");
  d.Entity("LOC", {"Seoul"});
  EXPECT_TRUE(d.Run().empty());
}

TEST(Events, DeniedFailedOrWithdrawnRelationsAreNotEvents) {
  Doc d(
      "Globex has withdrawn its takeover offer for Acme Robotics. Initech tried to buy Hooli last year. "
      "Neither Acme Robotics nor Hooli signed a deal. Globex agreed to acquire Initech.");
  d.Entity("ORG", {"Globex"});
  size_t acme = d.Entity("ORG", {"Acme Robotics"});
  d.Entity("ORG", {"Initech"});
  size_t hooli = d.Entity("ORG", {"Hooli"});
  std::vector<DocEvent> all = d.Run();
  auto acq = OfType(all, "ACQUISITION");
  ASSERT_EQ(acq.size(), 1u);  // only the agreed one
  EXPECT_NE(acq[0].to, static_cast<long>(acme));
  EXPECT_NE(acq[0].to, static_cast<long>(hooli));
  EXPECT_TRUE(OfType(all, "DEAL").empty());
}

TEST(Events, TheSubjectRepeatedAfterTheTriggerIsNotAnObject) {
  Doc d("Initech will provide its models to Hooli.");
  size_t initech = d.Entity("ORG", {"Initech"}), hooli = d.Entity("ORG", {"Hooli"});
  auto ev = OfType(d.Run(), "SUPPLY");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].from, static_cast<long>(initech));
  EXPECT_EQ(ev[0].to, static_cast<long>(hooli));
}

TEST(Events, GermanStakeInAPlantOfACompany) {
  Doc d("Globex beteiligt sich an einem neuen Werk des taiwanischen Auftragsfertigers Initech.", "de");
  size_t globex = d.Entity("ORG", {"Globex"}), initech = d.Entity("ORG", {"Initech"});
  auto ev = OfType(d.Run(), "INVESTMENT");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].from, static_cast<long>(globex));
  EXPECT_EQ(ev[0].to, static_cast<long>(initech));
}

TEST(Events, BuyoutByAnAgentAndPossessorsAreNotTheTarget) {
  Doc d(
      "Shareholders of Acme Robotics oppose a $6 billion buyout by telecoms giant Globex. "
      "Initech has bought Hooli's hybrid technology.");
  size_t acme = d.Entity("ORG", {"Acme Robotics"}), globex = d.Entity("ORG", {"Globex"});
  d.Entity("ORG", {"Initech"});
  size_t hooli = d.Entity("ORG", {"Hooli"});
  d.Cash("$6 billion", 6e9, "USD");
  auto ev = OfType(d.Run(), "ACQUISITION");
  for (const DocEvent& e : ev) EXPECT_NE(e.to, static_cast<long>(hooli));
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].from, static_cast<long>(globex));
  EXPECT_EQ(ev[0].to, static_cast<long>(acme));
}

TEST(Events, EnglishObjectsDoNotPrecedeTheTrigger) {
  Doc d("They own 29% of Globex through their Initech investment vehicle.");
  d.Entity("ORG", {"Globex"});
  d.Entity("ORG", {"Initech"});
  EXPECT_TRUE(OfType(d.Run(), "INVESTMENT").empty());
}

TEST(Events, SellingAStakeIsNoInvestmentBySeller) {
  Doc d(
      "Globex sold its 20% stake in Initech. Acme is offloading a stake in Hooli. "
      "Umbrella bought a 5% stake in Soylent.");
  size_t globex = d.Entity("ORG", {"Globex"}), acme = d.Entity("ORG", {"Acme"});
  d.Entity("ORG", {"Initech"});
  d.Entity("ORG", {"Hooli"});
  size_t umbrella = d.Entity("ORG", {"Umbrella"}), soylent = d.Entity("ORG", {"Soylent"});
  auto ev = OfType(d.Run(), "INVESTMENT");
  for (const DocEvent& e : ev) {
    EXPECT_NE(e.from, static_cast<long>(globex));
    EXPECT_NE(e.from, static_cast<long>(acme));
  }
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].from, static_cast<long>(umbrella));
  EXPECT_EQ(ev[0].to, static_cast<long>(soylent));
}

TEST(Events, TriggerInAnEnglishCompoundAdjectiveIsNoEvent) {
  Doc d("\"Other Acme-partnered devices, Globex, Initech and so on, are advertising more,\" he said.");
  d.Entity("ORG", {"Acme"});
  d.Entity("ORG", {"Globex"});
  d.Entity("ORG", {"Initech"});
  EXPECT_TRUE(OfType(d.Run(), "PARTNERSHIP").empty());
  Doc plain("Acme partnered with Globex on chips.");
  plain.Entity("ORG", {"Acme"});
  plain.Entity("ORG", {"Globex"});
  EXPECT_EQ(OfType(plain.Run(), "PARTNERSHIP").size(), 1u);
}

TEST(Events, OtherSensesOfMeetAndSupplyAreNoEvents) {
  Doc d("Globex struggled to meet demand from Initech.");
  d.Entity("ORG", {"Globex"});
  d.Entity("ORG", {"Initech"});
  EXPECT_TRUE(d.Run().empty());
  Doc g(
      "Globex hat mit Initech wichtige Entscheidungen getroffen. Globex lieferte sich einen Streit mit "
      "Initech.",
      "de");
  g.Entity("ORG", {"Globex"});
  g.Entity("ORG", {"Initech"});
  EXPECT_TRUE(g.Run().empty());
}

TEST(Events, SupplierNounAfterTheCustomer) {
  Doc d("The Globex supplier Initech reported higher sales.");
  size_t globex = d.Entity("ORG", {"Globex"}), initech = d.Entity("ORG", {"Initech"});
  auto ev = OfType(d.Run(), "SUPPLY");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].from, static_cast<long>(initech));
  EXPECT_EQ(ev[0].to, static_cast<long>(globex));
}

TEST(Events, TheDefinitePartnershipIsTheOneAlreadyReported) {
  Doc d(
      "Globex and Initech formed a partnership in May. Analysts said the partnership could help Globex win "
      "orders from carmakers such as Hooli.");
  size_t globex = d.Entity("ORG", {"Globex"}), initech = d.Entity("ORG", {"Initech"});
  size_t hooli = d.Entity("ORG", {"Hooli"});
  auto ev = OfType(d.Run(), "PARTNERSHIP");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].participants, (std::vector<size_t>{globex, initech}));
  for (size_t p : ev[0].participants) EXPECT_NE(p, hooli);
  EXPECT_EQ(ev[0].evidence.size(), 2u);
}

TEST(Events, GermanNegationDropsTheRelation) {
  Doc d("Globex plant keine Übernahme von Initech.", "de");
  d.Entity("ORG", {"Globex"});
  d.Entity("ORG", {"Initech"});
  EXPECT_TRUE(OfType(d.Run(), "ACQUISITION").empty());
}

TEST(Events, RevokedContractsAndProposedInvestments) {
  Doc d(
      "The Pentagon revoked $1bn worth of contracts assigned to Globex. Initech's proposed investment in "
      "Hooli awaits approval.");
  d.Entity("ORG", {"Pentagon"});
  d.Entity("ORG", {"Globex"});
  d.Entity("ORG", {"Initech"});
  d.Entity("ORG", {"Hooli"});
  d.Cash("$1bn", 1e9, "USD");
  std::vector<DocEvent> all = d.Run();
  EXPECT_TRUE(OfType(all, "DEAL").empty());
  auto inv = OfType(all, "INVESTMENT");
  ASSERT_EQ(inv.size(), 1u);
  EXPECT_EQ(inv[0].status, "planned");
}

TEST(Events, TheSpeakerAfterAQuotationIsNoParty) {
  Doc d("\"Investors accept an Initech merger,\" Globex said in a statement.");
  d.Entity("ORG", {"Initech"});
  d.Entity("ORG", {"Globex"});
  EXPECT_TRUE(OfType(d.Run(), "ACQUISITION").empty());
}

TEST(Events, ReducedRelativeAndAgentlessPassive) {
  Doc d(
      "Hooli Distribution was part of Initech, bought by Globex last year. All Acme models can be bought "
      "with Umbrella engines.");
  size_t hooli = d.Entity("ORG", {"Hooli Distribution"});
  size_t initech = d.Entity("ORG", {"Initech"}), globex = d.Entity("ORG", {"Globex"});
  d.Entity("ORG", {"Acme"});
  d.Entity("ORG", {"Umbrella"});
  auto ev = OfType(d.Run(), "ACQUISITION");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].from, static_cast<long>(globex));
  EXPECT_EQ(ev[0].to, static_cast<long>(initech));
  EXPECT_NE(ev[0].to, static_cast<long>(hooli));
}

TEST(Events, RightsBoughtFromADescribedSellerDoNotAcquireIt) {
  Doc d("Globex bought the rights to explore the area from oil giant Initech.");
  d.Entity("ORG", {"Globex"});
  d.Entity("ORG", {"Initech"});
  EXPECT_TRUE(OfType(d.Run(), "ACQUISITION").empty());
}

TEST(Events, ABodysOwnSessionIsNoMeeting) {
  Doc d(
      "The boards of Globex and Initech, at separate meetings, approved the merger. "
      "Acme said so at its annual general meeting with Hooli present.");
  d.Entity("ORG", {"Globex"});
  d.Entity("ORG", {"Initech"});
  d.Entity("ORG", {"Acme"});
  d.Entity("ORG", {"Hooli"});
  EXPECT_TRUE(OfType(d.Run(), "MEETING").empty());
}

TEST(Events, TheSpeakerIsNoSideButStaysSalient) {
  // ", Acme Trade Commissioner Jane Roe has announced.": the whole attribution
  // is the speaker; it is no side of the talks.
  Doc d(
      "Globex and the US agreed to begin talks on subsidies, Acme Trade Commissioner Jane Roe has "
      "announced.");
  d.Entity("ORG", {"Globex"});
  d.Entity("LOC", {"US"});
  d.Entity("ORG", {"Acme"});
  d.Entity("PERSON", {"Jane Roe"});
  EXPECT_TRUE(OfType(d.Run(), "MEETING").empty());
}

TEST(Events, GermanIdiomsAndWrittenOutNamesAreNoEvents) {
  // "X ins Gespräch bringen" proposes X (only "mit X ins Gespräch kommen" is a meeting).
  Doc idiom("Die Ministerin Anna Berg (Globex) bringt eine Abgabe ins Gespräch.", "de");
  idiom.Entity("PERSON", {"Anna Berg"});
  idiom.Entity("ORG", {"Globex"});
  EXPECT_TRUE(OfType(idiom.Run(), "MEETING").empty());
  // "Vereinbarungen treffen" (make agreements), across a relative clause.
  Doc agreements(
      "Er berichtete von Vereinbarungen, die Anna Berg, Chefin von Globex, mit Kunden der Initech traf.",
      "de");
  agreements.Entity("PERSON", {"Anna Berg"});
  agreements.Entity("ORG", {"Globex"});
  agreements.Entity("ORG", {"Initech"});
  EXPECT_TRUE(OfType(agreements.Run(), "MEETING").empty());
  // The trigger inside a name written out before its acronym.
  Doc name(
      "Die Organisation für wirtschaftliche Zusammenarbeit und Entwicklung (OECD) warnte die Gruppe (G-20).",
      "de");
  name.Entity("ORG", {"OECD"});
  name.Entity("ORG", {"G-20"});
  EXPECT_TRUE(OfType(name.Run(), "PARTNERSHIP").empty());
}

TEST(Events, TheBodyHoldingAMeetingAfterAnAdjectiveIsNoSide) {
  Doc d("The plan was tabled by Veyra after the recent G7 meeting. Orbis spoke at Friday's EU summit.");
  d.Entity("ORG", {"Veyra"});
  d.Entity("ORG", {"G7"});
  d.Entity("ORG", {"Orbis"});
  d.Entity("ORG", {"EU"});
  EXPECT_TRUE(OfType(d.Run(), "MEETING").empty());
}

TEST(Events, CorrespondentsAndSpokesmenAreNoSides) {
  Doc d("Globex correspondents said the meeting with Initech went well.");
  d.Entity("ORG", {"Globex"});
  d.Entity("ORG", {"Initech"});
  EXPECT_TRUE(OfType(d.Run(), "MEETING").empty());
}

TEST(Events, ABodysNamedMeetingIsItsOwnSession) {
  // Attending "the G7 meeting" or "the next meeting of G7 countries" is no
  // meeting between sides; "a meeting of Globex and Initech" is one.
  Doc d(
      "Anna Berg of Veyra is attending the G7 meeting as part of the Orbis group. "
      "Tom Ek of Kestrel will seek action at the next meeting of G7 countries.");
  size_t berg = d.Entity("PERSON", {"Anna Berg"}), ek = d.Entity("PERSON", {"Tom Ek"});
  size_t veyra = d.Entity("ORG", {"Veyra"}), kestrel = d.Entity("ORG", {"Kestrel"});
  d.Entity("ORG", {"G7"});
  d.Entity("ORG", {"Orbis"});
  d.Role(berg, veyra);
  d.Role(ek, kestrel);
  EXPECT_TRUE(OfType(d.Run(), "MEETING").empty());
  Doc two("A meeting of Globex and Initech took place in Oslo.");
  two.Entity("ORG", {"Globex"});
  two.Entity("ORG", {"Initech"});
  EXPECT_EQ(OfType(two.Run(), "MEETING").size(), 1u);
}

TEST(Events, FutureAndSpeculationBeforeADoneTrigger) {
  Doc d(
      "Shares of Acme jumped on speculation that it will be bought by Globex. "
      "Initech will be bought by Hooli next year.");
  size_t acme = d.Entity("ORG", {"Acme"});
  d.Entity("ORG", {"Globex"});
  size_t initech = d.Entity("ORG", {"Initech"});
  d.Entity("ORG", {"Hooli"});
  auto ev = OfType(d.Run(), "ACQUISITION");
  ASSERT_EQ(ev.size(), 2u);
  for (const DocEvent& e : ev) {
    if (e.to == static_cast<long>(acme)) {
      EXPECT_EQ(e.status, "speculative");
    }
    if (e.to == static_cast<long>(initech)) {
      EXPECT_EQ(e.status, "planned");
    }
  }
}

TEST(Events, BadInputDoesNotCrash) {
  Doc d(std::string("\xFF\xFE met \xE2\x80 with", 12));
  d.Entity("ORG", {"met"});
  EXPECT_NO_FATAL_FAILURE(d.Run());
}

}  // namespace
}  // namespace pactgraph
