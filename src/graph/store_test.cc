// Merging across articles, idempotence, atomicity and the queries, on
// hand-made extractions (no extractor involved).
#include "graph/store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "pactgraph/graph.h"

namespace pactgraph {
namespace {

// Builds one article's facts: entities get ids e1, e2, ... in order.
class Doc {
 public:
  explicit Doc(const std::string& id, const std::string& published = "") {
    x_.doc.id = id;
    x_.doc.source = id + ".txt";
    x_.doc.published = published;
  }
  // Adds an entity named `name` with `mentions` (the name itself included).
  std::string Add(const std::string& type, const std::string& name, std::vector<std::string> mentions = {}) {
    Entity e;
    e.id = "e" + std::to_string(x_.entities.size() + 1);
    e.type = type;
    e.name = name;
    if (mentions.empty()) mentions.push_back(name);
    uint32_t pos = 0;
    for (const std::string& m : mentions) {
      e.mentions.push_back(Mention{Span{pos, pos + static_cast<uint32_t>(m.size())}, m});
      pos += 100;
    }
    x_.entities.push_back(e);
    return e.id;
  }
  Doc& Meet(std::vector<std::string> who, const std::string& date, const std::string& type = "MEETING") {
    Event ev;
    ev.type = type;
    ev.participants = std::move(who);
    ev.date = date;
    ev.status = "planned";
    ev.topics = {"AI"};
    ev.evidence = {Span{10, 50}};
    x_.events.push_back(ev);
    return *this;
  }
  Doc& Directed(const std::string& type, const std::string& from, const std::string& to,
                const std::string& date = "", std::optional<Amount> amount = std::nullopt) {
    Event ev;
    ev.type = type;
    ev.from = from;
    ev.to = to;
    ev.date = date;
    ev.amount = amount;
    ev.status = "occurred";
    ev.evidence = {Span{60, 90}};
    x_.events.push_back(ev);
    return *this;
  }
  Doc& RoleOf(const std::string& person, const std::string& org, const std::string& title) {
    x_.roles.push_back(Role{person, org, title, Span{5, 25}});
    return *this;
  }
  Doc& Url(const std::string& url) {
    x_.doc.url = url;
    return *this;
  }
  const Extraction& x() const { return x_; }
  Extraction& mutable_x() { return x_; }

 private:
  Extraction x_;
};

class graph_store : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = GraphStore::Open(":memory:", GraphOptions{});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  IngestResult Ingest(const Doc& d) {
    auto r = store_->Ingest(d.x());
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : IngestResult{};
  }
  GraphCounts Counts() {
    auto c = store_->Counts();
    EXPECT_TRUE(c.ok());
    return *c;
  }
  nlohmann::json Export() {
    auto j = store_->ExportJson();
    EXPECT_TRUE(j.ok()) << j.status().ToString();
    return nlohmann::json::parse(*j);
  }
  // Entities of the export with this type whose name or alias is `name`.
  std::vector<nlohmann::json> Entities(const std::string& type, const std::string& name) {
    std::vector<nlohmann::json> out;
    nlohmann::json all = Export();
    for (const auto& e : all["entities"]) {
      bool named = e["name"] == name;
      for (const auto& a : e["aliases"]) named = named || a == name;
      if (e["type"] == type && named) out.push_back(e);
    }
    return out;
  }
  std::unique_ptr<GraphStore> store_;
};

TEST_F(graph_store, ReingestingTheSameArticleChangesNothing) {
  Doc a("doc-a", "2024-04-20");
  auto ms = a.Add("ORG", "Microsoft");
  auto sam = a.Add("ORG", "Samsung Electronics");
  a.Meet({ms, sam}, "2024-05-14");
  EXPECT_TRUE(Ingest(a).added);
  GraphCounts before = Counts();
  IngestResult again = Ingest(a);
  EXPECT_FALSE(again.added);
  GraphCounts after = Counts();
  EXPECT_EQ(before.documents, after.documents);
  EXPECT_EQ(before.entities, after.entities);
  EXPECT_EQ(before.aliases, after.aliases);
  EXPECT_EQ(before.events, after.events);
  EXPECT_EQ(before.event_sources, after.event_sources);
}

TEST_F(graph_store, SameUrlOrSameContentHashIsTheSameArticle) {
  Doc a("id-1");
  a.Add("ORG", "Naver");
  a.Url("https://example.com/story");
  EXPECT_TRUE(Ingest(a).added);
  Doc b("id-2");
  b.Add("ORG", "Naver");
  b.Url("https://example.com/story");
  EXPECT_FALSE(Ingest(b).added);

  Doc c("id-3");
  c.Add("ORG", "Naver");
  ASSERT_TRUE(store_->Ingest(c.x(), IngestInfo{"hash-1"}).ok());
  Doc d("id-4");
  auto r = store_->Ingest(d.x(), IngestInfo{"hash-1"});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->added);
  EXPECT_EQ(Counts().documents, 2);
}

TEST_F(graph_store, SpellingVariantsAcrossArticlesAreOneEntityWithAliases) {
  Doc a("a");
  a.Add("PERSON", "Kwak Noh-jung");
  a.Add("ORG", "SK hynix");
  Doc b("b");
  b.Add("PERSON", "Kwak Noh-Jung");
  b.Add("ORG", "SK-Hynix");
  Ingest(a);
  Ingest(b);
  auto kwak = Entities("PERSON", "Kwak Noh-Jung");
  ASSERT_EQ(kwak.size(), 1u);
  EXPECT_EQ(Entities("ORG", "SK-Hynix").size(), 1u);
  EXPECT_EQ(Counts().entities, 2);
}

TEST_F(graph_store, TypoMergesWhenContextSupportsIt) {
  Doc a("a");
  auto sam = a.Add("ORG", "Samsung Electronics");
  auto mach = a.Add("PRODUCT", "Mach-1");
  a.Directed("DEVELOPS", sam, mach);
  Ingest(a);
  Doc b("b");  // an article about Samsung's accelerator with a typo
  b.Add("ORG", "Samsung Electronics");
  b.Add("PRODUCT", "Mack-1");
  Ingest(b);
  auto found = Entities("PRODUCT", "Mack-1");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["name"], "Mach-1");
}

TEST_F(graph_store, TypoWithoutContextStaysSeparate) {
  Doc a("a");
  auto sam = a.Add("ORG", "Samsung Electronics");
  auto mach = a.Add("PRODUCT", "Mach-1");
  a.Directed("DEVELOPS", sam, mach);
  Ingest(a);
  Doc b("b");  // nothing here links to Samsung or Mach-1
  b.Add("ORG", "Boeing");
  b.Add("PRODUCT", "Mack-1");
  Ingest(b);
  EXPECT_EQ(Entities("PRODUCT", "Mack-1").size(), 1u);
  EXPECT_EQ(Entities("PRODUCT", "Mach-1").size(), 1u);
  EXPECT_NE(Entities("PRODUCT", "Mack-1")[0]["id"], Entities("PRODUCT", "Mach-1")[0]["id"]);
}

TEST_F(graph_store, PersonTypoMergesThroughARoleLink) {
  Doc a("a");
  auto chey = a.Add("PERSON", "Chey Tae-won");
  auto sk = a.Add("ORG", "SK Group");
  a.RoleOf(chey, sk, "chairman");
  Ingest(a);
  Doc b("b");
  b.Add("ORG", "des SK-Konzerns");  // German genitive of the group
  b.Add("PERSON", "Cheyst Tae-won");
  Ingest(b);
  auto found = Entities("PERSON", "Cheyst Tae-won");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["name"], "Chey Tae-won");
  EXPECT_EQ(Entities("ORG", "SK Group").size(), 1u);
  EXPECT_EQ(Counts().entities, 2);
}

TEST_F(graph_store, DistinctCompaniesAndProductsStayDistinct) {
  Doc a("a");
  auto g = a.Add("ORG", "SK Group");
  auto h = a.Add("ORG", "SK Hynix");
  auto t = a.Add("ORG", "SK Telecom");
  auto se = a.Add("ORG", "Samsung Electronics");
  auto ds = a.Add("ORG", "Samsung Device Solutions");
  auto m1 = a.Add("PRODUCT", "Mach-1");
  auto m2 = a.Add("PRODUCT", "Mach-2");
  a.Meet({g, h, t, se, ds}, "2024");
  a.Directed("DEVELOPS", se, m1).Directed("DEVELOPS", se, m2);
  Ingest(a);
  Doc b("b");  // the same names again, now with plenty of shared context
  b.Add("ORG", "SK Telecom");
  b.Add("ORG", "SK Hynix");
  b.Add("ORG", "Samsung Device Solutions");
  b.Add("ORG", "Samsung Electronics");
  b.Add("PRODUCT", "Mach-2");
  b.Add("ORG", "SK Group");
  b.Add("PRODUCT", "Mach-1");
  Ingest(b);
  EXPECT_EQ(Counts().entities, 7);
}

TEST_F(graph_store, ShortFormJoinsTheOnlyLongForm) {
  Doc a("a");
  a.Add("ORG", "Samsung Electronics");
  Ingest(a);
  Doc b("b");
  b.Add("ORG", "Samsung");
  Ingest(b);
  auto found = Entities("ORG", "Samsung");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["name"], "Samsung Electronics");
}

TEST_F(graph_store, AmbiguousShortFormStaysSeparate) {
  Doc a("a");
  a.Add("ORG", "SK Hynix");
  a.Add("ORG", "SK Telecom");
  Ingest(a);
  Doc b("b");
  b.Add("ORG", "SK");
  Ingest(b);
  EXPECT_EQ(Counts().entities, 3);
}

TEST_F(graph_store, BareShortFormIsAbsorbedWhenAnArticleGroupsItWithTheLongForm) {
  Doc a("a");
  a.Add("ORG", "Samsung");  // only the short form so far
  auto ms = a.Add("ORG", "Microsoft");
  a.Meet({ms, "e1"}, "2024");
  Ingest(a);
  Doc b("b");
  b.Add("ORG", "Samsung Electronics", {"Samsung Electronics", "Samsung"});
  Ingest(b);
  auto found = Entities("ORG", "Samsung");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["name"], "Samsung Electronics");
  auto partners = store_->Partners("Microsoft");
  ASSERT_TRUE(partners.ok());
  ASSERT_EQ(partners->size(), 1u);
  EXPECT_EQ((*partners)[0].partner.name, "Samsung Electronics");
}

TEST_F(graph_store, SurnameJoinsTheFullNameInContext) {
  Doc a("a");
  auto gates = a.Add("PERSON", "Bill Gates");
  auto ms = a.Add("ORG", "Microsoft");
  a.RoleOf(gates, ms, "founder");
  Ingest(a);
  Doc b("b");
  b.Add("ORG", "Microsoft");
  b.Add("PERSON", "Gates");
  Ingest(b);
  auto found = Entities("PERSON", "Gates");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["name"], "Bill Gates");
}

TEST_F(graph_store, TheSameMeetingReportedInTwoLanguagesIsOneEvent) {
  Doc en("en", "2024-04-20");
  auto ms = en.Add("ORG", "Microsoft");
  auto sam = en.Add("ORG", "Samsung Electronics");
  auto hy = en.Add("ORG", "SK Hynix");
  auto kwak = en.Add("PERSON", "Kwak Noh-jung");
  en.Meet({ms, sam, hy, kwak}, "2024-05");
  Doc de("de", "2024-04-21");
  auto kwak2 = de.Add("PERSON", "Kwak Noh-Jung");
  auto hy2 = de.Add("ORG", "SK hynix");
  auto ms2 = de.Add("ORG", "Microsoft");
  de.Meet({ms2, hy2, kwak2}, "2024-05-14");
  Ingest(en);
  IngestResult r = Ingest(de);
  EXPECT_EQ(r.merged_events, 1);
  auto j = Export();
  ASSERT_EQ(j["events"].size(), 1u);
  const auto& ev = j["events"][0];
  EXPECT_EQ(ev["date"], "2024-05-14");
  EXPECT_EQ(ev["sources"].size(), 2u);
  EXPECT_EQ(ev["participants"].size(), 4u);
  EXPECT_EQ(ev["first_reported"], "2024-04-20");
}

TEST_F(graph_store, IncompatibleDatesPartnersOrAmountsKeepEventsApart) {
  Doc a("a");
  auto ms = a.Add("ORG", "Microsoft");
  auto sam = a.Add("ORG", "Samsung Electronics");
  auto hy = a.Add("ORG", "SK Hynix");
  auto naver = a.Add("ORG", "Naver");
  a.Meet({ms, sam}, "2024-05-14", "PARTNERSHIP");
  a.Directed("DEAL", naver, sam, "2024", Amount{752e6, "USD"});
  Ingest(a);
  Doc b("b");
  auto ms2 = b.Add("ORG", "Microsoft");
  auto sam2 = b.Add("ORG", "Samsung Electronics");
  auto hy2 = b.Add("ORG", "SK Hynix");
  auto naver2 = b.Add("ORG", "Naver");
  b.Meet({ms2, sam2}, "2024-06", "PARTNERSHIP");                      // another month
  b.Meet({ms2, hy2}, "2024-05-14", "PARTNERSHIP");                    // another partner
  b.Meet({ms2, sam2}, "", "PARTNERSHIP");                             // date unknown
  b.Directed("DEAL", naver2, sam2, "2024", Amount{100e6, "USD"});     // another deal
  b.Directed("DEAL", naver2, sam2, "2024-03", Amount{752e6, "USD"});  // the same deal
  Ingest(b);
  (void)hy;
  auto j = Export();
  EXPECT_EQ(j["events"].size(), 6u);
}

TEST_F(graph_store, UndatedReportsOfAStandingRelationJoinTheDatedOne) {
  Doc a("a", "2024-04-20");
  auto sam = a.Add("ORG", "Samsung Electronics");
  auto mach = a.Add("PRODUCT", "Mach-1");
  auto ms = a.Add("ORG", "Microsoft");
  a.Directed("DEVELOPS", sam, mach);     // no date
  a.Meet({ms, sam}, "", "PARTNERSHIP");  // no date
  a.Meet({ms, sam}, "", "MEETING");      // no date
  Ingest(a);
  Doc b("b", "2024-04-21");
  auto sam2 = b.Add("ORG", "Samsung Electronics");
  auto mach2 = b.Add("PRODUCT", "Mach-1");
  auto ms2 = b.Add("ORG", "Microsoft");
  b.Directed("DEVELOPS", sam2, mach2, "2024-04");
  b.Meet({ms2, sam2}, "2024-06", "PARTNERSHIP");
  b.Meet({ms2, sam2}, "2024-05-14", "MEETING");  // a meeting needs a date to match
  IngestResult r = Ingest(b);
  EXPECT_EQ(r.merged_events, 2);
  auto j = Export();
  ASSERT_EQ(j["events"].size(), 4u);
  for (const auto& ev : j["events"]) {
    if (ev["type"] == "DEVELOPS") {
      EXPECT_EQ(ev["date"], "2024-04");
      EXPECT_EQ(ev["sources"].size(), 2u);
    }
  }
  // A third undated report of the partnership, when two dated ones are
  // known, could be either: it stays apart.
  Doc c("c", "2024-07-01");
  auto ms3 = c.Add("ORG", "Microsoft");
  auto sam3 = c.Add("ORG", "Samsung Electronics");
  c.Meet({ms3, sam3}, "2018-11", "PARTNERSHIP");
  Ingest(c);
  Doc d("d", "2024-07-02");
  auto ms4 = d.Add("ORG", "Microsoft");
  auto sam4 = d.Add("ORG", "Samsung Electronics");
  d.Meet({ms4, sam4}, "", "PARTNERSHIP");
  EXPECT_EQ(Ingest(d).merged_events, 0);
}

TEST_F(graph_store, EventsOfOneArticleAreNotMergedWithEachOther) {
  Doc a("a");
  auto ms = a.Add("ORG", "Microsoft");
  auto sam = a.Add("ORG", "Samsung Electronics");
  a.Meet({ms, sam}, "");
  a.Meet({ms, sam}, "");
  Ingest(a);
  EXPECT_EQ(Counts().events, 2);
}

TEST_F(graph_store, AFailedIngestLeavesNothingBehind) {
  Doc a("a");
  auto ms = a.Add("ORG", "Microsoft");
  auto sam = a.Add("ORG", "Samsung Electronics");
  a.Meet({ms, sam}, "2024");
  Ingest(a);
  GraphCounts before = Counts();

  Doc b("b");
  auto ms2 = b.Add("ORG", "Microsoft");
  auto lg = b.Add("ORG", "LG Electronics");
  b.Meet({ms2, lg}, "2024");
  graph::SetFaultHook(store_.get(), [](std::string_view sql) {
    return sql.find("INSERT OR IGNORE INTO event_sources") != std::string_view::npos
               ? Status::IOError("injected disk failure")
               : Status::OK();
  });
  auto r = store_->Ingest(b.x());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("injected"), std::string::npos);
  GraphCounts after = Counts();
  EXPECT_EQ(before.documents, after.documents);
  EXPECT_EQ(before.entities, after.entities);
  EXPECT_EQ(before.aliases, after.aliases);
  EXPECT_EQ(before.events, after.events);

  graph::SetFaultHook(store_.get(), nullptr);
  EXPECT_TRUE(Ingest(b).added);
  EXPECT_EQ(Counts().documents, 2);
}

TEST_F(graph_store, QueriesAnswerFromTheMergedGraph) {
  Doc a("a", "2024-04-01");
  auto ms = a.Add("ORG", "Microsoft", {"Microsoft", "MS"});
  auto sam = a.Add("ORG", "Samsung Electronics");
  auto nadella = a.Add("PERSON", "Satya Nadella");
  auto naver = a.Add("ORG", "Naver");
  a.Meet({ms, sam, nadella}, "2024-05-14");
  a.Directed("DEAL", naver, sam, "2023", Amount{752e6, "USD"});
  a.RoleOf(nadella, ms, "CEO");
  Ingest(a);
  Doc b("b", "2024-06-01");
  auto sk = b.Add("ORG", "SK Telecom");
  auto an = b.Add("ORG", "Anthropic");
  auto ms2 = b.Add("ORG", "Microsoft");
  b.Directed("INVESTMENT", sk, an, "2023", Amount{100e6, "USD"});
  b.Meet({ms2, sk}, "2024-05", "PARTNERSHIP");
  Ingest(b);

  auto partners = store_->Partners("MS");
  ASSERT_TRUE(partners.ok());
  ASSERT_EQ(partners->size(), 2u);
  EXPECT_EQ((*partners)[0].partner.name, "SK Telecom");  // tie on events: by sources, then name
  EXPECT_EQ((*partners)[1].partner.name, "Samsung Electronics");

  auto met = store_->WhoMet("Nadella");
  ASSERT_TRUE(met.ok());
  ASSERT_EQ(met->size(), 1u);
  EXPECT_EQ((*met)[0].date, "2024-05-14");

  auto deals = store_->Deals(DealFilter{500e6, "USD"});
  ASSERT_TRUE(deals.ok());
  ASSERT_EQ(deals->size(), 1u);
  EXPECT_EQ((*deals)[0].type, "DEAL");
  EXPECT_EQ(store_->Deals(DealFilter{0, "EUR"})->size(), 0u);
  EXPECT_EQ(store_->Deals(DealFilter{})->size(), 2u);

  auto since = store_->Since("2024-05");
  ASSERT_TRUE(since.ok());
  EXPECT_EQ(since->size(), 2u);  // both events of article b (June)

  auto timeline = store_->Timeline("Microsoft", "Samsung Electronics");
  ASSERT_TRUE(timeline.ok());
  ASSERT_EQ(timeline->size(), 1u);
  EXPECT_EQ((*timeline)[0].sources.size(), 1u);
  EXPECT_EQ((*timeline)[0].sources[0].doc_id, "a");

  auto entity = store_->DescribeEntity("satya nadella");
  ASSERT_TRUE(entity.ok());
  ASSERT_EQ(entity->roles.size(), 1u);
  EXPECT_EQ(entity->roles[0].title, "CEO");
  EXPECT_EQ(entity->roles[0].org.name, "Microsoft");
  EXPECT_EQ(entity->roles[0].first_seen, "2024-04-01");

  auto alliances = store_->Alliances(10);
  ASSERT_TRUE(alliances.ok());
  EXPECT_EQ(alliances->size(), 4u);  // MS-Samsung, Naver-Samsung, SKT-Anthropic, MS-SKT

  EXPECT_EQ(store_->Resolve("Nobody Known").status().code(), Status::Code::kNotFound);
}

TEST_F(graph_store, JsonExportHasTheContractShapesWithAliasesAndSources) {
  Doc a("a", "2024-04-01");
  a.Url("https://example.com/a");
  auto ms = a.Add("ORG", "Microsoft", {"Microsoft", "MS"});
  auto n = a.Add("PERSON", "Satya Nadella");
  a.Meet({ms, n}, "2024-05-14");
  a.RoleOf(n, ms, "CEO");
  Ingest(a);
  auto j = Export();
  ASSERT_TRUE(j.contains("entities") && j.contains("roles") && j.contains("events"));
  auto ms_json = Entities("ORG", "Microsoft");
  ASSERT_EQ(ms_json.size(), 1u);
  EXPECT_EQ(ms_json[0]["aliases"], nlohmann::json::array({"MS"}));
  const auto& role = j["roles"][0];
  EXPECT_EQ(role["title"], "CEO");
  EXPECT_EQ(role["sources"][0]["url"], "https://example.com/a");
  EXPECT_EQ(role["sources"][0]["evidence"]["start"], 5);
  const auto& ev = j["events"][0];
  EXPECT_EQ(ev["type"], "MEETING");
  EXPECT_EQ(ev["participants"].size(), 2u);
  EXPECT_EQ(ev["sources"][0]["doc"], "a");
  EXPECT_EQ(ev["sources"][0]["source"], "a.txt");
  EXPECT_EQ(ev["sources"][0]["evidence"][0]["end"], 50);
}

TEST_F(graph_store, DanglingOrOddFactsAreSkippedNotFatal) {
  Doc a("odd");
  auto ms = a.Add("ORG", "Microsoft");
  a.Add("MONEY", "$5 million");        // not a graph type
  a.Add("ORG", "");                    // no name
  a.Add("ORG", "!!!");                 // nothing left after normalising
  a.Meet({ms, "e99"}, "2024");         // unknown participant: dropped
  a.Meet({"e98"}, "");                 // nobody known: no event
  a.Directed("DEAL", ms, "", "2024");  // no counterpart: no event
  a.RoleOf("e1", "e77", "CEO");
  Event untyped;
  untyped.participants = {ms};
  a.mutable_x().events.push_back(untyped);
  std::vector<std::string> crowd;
  for (int i = 0; i < 60; ++i) crowd.push_back(a.Add("PERSON", "Person Number" + std::to_string(i)));
  a.Meet(crowd, "2024-01");
  IngestResult r = Ingest(a);
  EXPECT_TRUE(r.added);
  EXPECT_EQ(Counts().events, 2);  // Microsoft's meeting and the crowd's
  EXPECT_EQ(Counts().roles, 0);
  Doc none("");  // neither an id nor a content hash
  EXPECT_FALSE(store_->Ingest(none.x()).ok());
}

TEST(graph_store_file, MigratesAnOlderFileInOrder) {
  auto dir = std::filesystem::temp_directory_path() / ("pg_store_migrate_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "g.db").string();
  {
    auto s = GraphStore::Open(path, GraphOptions{});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    Doc a("a");
    a.Add("ORG", "Naver");
    ASSERT_TRUE((*s)->Ingest(a.x()).ok());
    // Make it a version-1 file: migration 2 (indexes) not applied.
    auto* db = dynamic_cast<graph::SqliteGraphStore*>(s->get())->db();
    ASSERT_TRUE(db->ExecRaw("DROP INDEX entities_key; DROP INDEX name_parts_entity; DROP INDEX events_place; "
                            "DELETE FROM schema_version WHERE version > 1")
                    .ok());
  }
  {
    GraphOptions ro;
    ro.read_only = true;
    auto s = GraphStore::Open(path, ro);
    ASSERT_FALSE(s.ok());  // readers do not migrate
    EXPECT_EQ(s.status().code(), Status::Code::kUnsupported);
  }
  auto s = GraphStore::Open(path, GraphOptions{});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->Counts()->entities, 1);
  auto* db = dynamic_cast<graph::SqliteGraphStore*>(s->get())->db();
  auto q = db->Prepare(
      "SELECT group_concat(version, ',') FROM (SELECT version FROM schema_version ORDER BY rowid)");
  ASSERT_TRUE(q.ok());
  ASSERT_TRUE(q->Step().ok());
  EXPECT_EQ(q->Text(0), "1,2");
  auto idx = db->Prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'entities_key'");
  ASSERT_TRUE(idx.ok());
  ASSERT_TRUE(idx->Step().ok());
  EXPECT_EQ(idx->Int(0), 1);
  std::filesystem::remove_all(dir);  // open files stay readable until closed
}

TEST(graph_store_file, ReopensAndRefusesNewerSchemas) {
  auto dir = std::filesystem::temp_directory_path() / ("pg_store_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "g.db").string();
  {
    auto s = GraphStore::Open(path, GraphOptions{});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    Doc a("a");
    a.Add("ORG", "Naver");
    ASSERT_TRUE((*s)->Ingest(a.x()).ok());
  }
  {
    GraphOptions ro;
    ro.read_only = true;
    auto s = GraphStore::Open(path, ro);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ((*s)->Counts()->entities, 1);
  }
  {
    auto s = GraphStore::Open(path, GraphOptions{});
    ASSERT_TRUE(s.ok());
    auto* db = dynamic_cast<graph::SqliteGraphStore*>(s->get())->db();
    ASSERT_TRUE(db->Exec("INSERT INTO schema_version(version) VALUES (999)").ok());
  }
  auto s = GraphStore::Open(path, GraphOptions{});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kUnsupported);
  std::filesystem::remove_all(dir);
}

TEST(graph_store_file, ExportsGraphmlAndNeo4jCsv) {
  auto s = GraphStore::Open(":memory:", GraphOptions{});
  ASSERT_TRUE(s.ok());
  Doc a("a");
  auto ms = a.Add("ORG", "Microsoft & Co <Research>");
  auto sam = a.Add("ORG", "Samsung \"Electronics\"");
  a.Meet({ms, sam}, "2024");
  ASSERT_TRUE((*s)->Ingest(a.x()).ok());
  std::ostringstream graphml;
  ASSERT_TRUE((*s)->ExportTo(ExportFormat::kGraphml, graphml).ok());
  EXPECT_NE(graphml.str().find("Microsoft &amp; Co &lt;Research&gt;"), std::string::npos);
  EXPECT_NE(graphml.str().find("<key id=\"label\" for=\"node\""), std::string::npos);
  auto dir = std::filesystem::temp_directory_path() / ("pg_csv_test_" + std::to_string(::getpid()));
  ASSERT_TRUE((*s)->Export(ExportFormat::kCsv, dir.string()).ok());
  std::ifstream nodes(dir / "nodes.csv"), edges(dir / "edges.csv");
  std::string header;
  std::getline(nodes, header);
  EXPECT_EQ(header.rfind("id:ID,:LABEL,", 0), 0u);
  std::getline(edges, header);
  EXPECT_EQ(header, ":START_ID,:END_ID,:TYPE,title");
  std::string line, all;
  while (std::getline(nodes, line)) all += line + "\n";
  EXPECT_NE(all.find("\"Samsung \"\"Electronics\"\"\""), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pactgraph
