// pactgraph query: the analyst's questions, as text tables or --json.
#include <algorithm>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "commands.h"
#include "pactgraph/graph.h"

namespace pactgraph::cli {
namespace {

// Plain-text table: columns padded to the widest cell (in UTF-8
// characters), long cells cut with "…".
class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  bool empty() const { return rows_.empty(); }
  // Cells wider than max_width characters are shortened.
  void Print(std::ostream& out, size_t max_width = 60) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};


size_t Width(const std::string& s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

std::string Cut(const std::string& s, size_t max_width) {
  if (Width(s) <= max_width) return s;
  size_t chars = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++chars == max_width) break;
  }
  return s.substr(0, i) + "…";
}

void Table::Print(std::ostream& out, size_t max_width) const {
  std::vector<size_t> widths(headers_.size());
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], Width(Cut(row[i], max_width)));
    }
  };
  measure(headers_);
  for (const auto& r : rows_) measure(r);
  auto line = [&](const std::vector<std::string>& row) {
    std::string text;
    for (size_t i = 0; i < widths.size(); ++i) {
      std::string cell = i < row.size() ? Cut(row[i], max_width) : "";
      text += cell;
      if (i + 1 < widths.size()) text += std::string(widths[i] - Width(cell) + 2, ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << '\n';
  };
  line(headers_);
  std::vector<std::string> rule;
  for (size_t w : widths) rule.push_back(std::string(w, '-'));
  line(rule);
  for (const auto& r : rows_) line(r);
}


struct QueryFlags {
  std::string db = "pactgraph.db";
  bool json = false;
  std::vector<std::string> names;
  std::string date;
  double min_amount = 0;
  std::string currency;
  int limit = 20;
};

std::string Names(const std::vector<EntityRef>& refs) {
  std::string out;
  for (const EntityRef& r : refs) out += (out.empty() ? "" : ", ") + r.name;
  return out;
}

std::string Join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string AmountText(const std::optional<Amount>& a) {
  if (!a) return "";
  std::ostringstream s;
  double v = a->value;
  if (v >= 1e9) s << v / 1e9 << " bn";
  else if (v >= 1e6) s << v / 1e6 << " m";
  else s << v;
  return s.str() + " " + a->currency;
}

// Who is involved in an event, as one cell: "A -> B" or "A, B, C".
std::string Members(const EventRecord& e) {
  if (e.from || e.to) return (e.from ? e.from->name : "?") + " -> " + (e.to ? e.to->name : "?");
  return Names(e.participants);
}

std::string SourcesCell(const EventRecord& e) {
  std::vector<std::string> names;
  for (const SourceRef& s : e.sources) names.push_back(s.url.empty() ? s.source : s.url);
  return std::to_string(e.sources.size()) + (names.empty() ? "" : ": " + Join(names, "; "));
}

void PrintEvents(const std::vector<EventRecord>& events, bool json) {
  if (json) {
    std::cout << ToJson(events) << '\n';
    return;
  }
  Table t({"date", "type", "who", "status", "amount", "topics", "sources"});
  for (const EventRecord& e : events) {
    t.Add({e.date.empty() ? "(" + e.first_reported + ")" : e.date, e.type, Members(e), e.status, AmountText(e.amount),
           Join(e.topics), SourcesCell(e)});
  }
  t.Print(std::cout);
  std::cout << events.size() << " event(s); a date in brackets is when the event was first reported\n";
}

int Fail(const Status& st) {
  std::cerr << "pactgraph query: " << st.message() << "\n";
  return st.code() == Status::Code::kNotFound ? 1 : 2;
}

StatusOr<std::unique_ptr<GraphStore>> OpenStore(const QueryFlags& f) {
  GraphOptions o;
  o.read_only = true;
  return GraphStore::Open(f.db, o);
}

int RunPartners(const QueryFlags& f) {
  auto store = OpenStore(f);
  if (!store.ok()) return Fail(store.status());
  auto who = (*store)->Resolve(f.names[0]);
  if (!who.ok()) return Fail(who.status());
  auto rows = (*store)->Partners(f.names[0]);
  if (!rows.ok()) return Fail(rows.status());
  if (f.json) {
    std::cout << ToJson(*rows) << '\n';
    return 0;
  }
  std::cout << "Partners of " << who->name << " (" << who->type << ")\n";
  Table t({"partner", "events", "sources", "relations", "first", "last"});
  for (const PartnerRow& r : *rows) {
    t.Add({r.partner.name, std::to_string(r.events), std::to_string(r.sources), Join(r.types), r.first_date,
           r.last_date});
  }
  t.Print(std::cout);
  return 0;
}

int RunTimeline(const QueryFlags& f) {
  auto store = OpenStore(f);
  if (!store.ok()) return Fail(store.status());
  auto events = (*store)->Timeline(f.names[0], f.names.size() > 1 ? f.names[1] : "");
  if (!events.ok()) return Fail(events.status());
  PrintEvents(*events, f.json);
  return 0;
}

int RunWhoMet(const QueryFlags& f) {
  auto store = OpenStore(f);
  if (!store.ok()) return Fail(store.status());
  auto who = (*store)->Resolve(f.names[0]);
  if (!who.ok()) return Fail(who.status());
  auto events = (*store)->WhoMet(f.names[0]);
  if (!events.ok()) return Fail(events.status());
  if (f.json) {
    std::cout << ToJson(*events) << '\n';
    return 0;
  }
  Table t({"date", "met", "status", "topics", "sources"});
  for (const EventRecord& e : *events) {
    std::vector<EntityRef> others;
    for (const EntityRef& p : e.participants) {
      if (p.id != who->id) others.push_back(p);
    }
    t.Add({e.date.empty() ? "(" + e.first_reported + ")" : e.date, Names(others), e.status, Join(e.topics),
           SourcesCell(e)});
  }
  std::cout << "Meetings of " << who->name << "\n";
  t.Print(std::cout);
  return 0;
}

int RunDeals(const QueryFlags& f) {
  auto store = OpenStore(f);
  if (!store.ok()) return Fail(store.status());
  auto events = (*store)->Deals(DealFilter{f.min_amount, f.currency});
  if (!events.ok()) return Fail(events.status());
  PrintEvents(*events, f.json);
  return 0;
}

int RunSince(const QueryFlags& f) {
  auto store = OpenStore(f);
  if (!store.ok()) return Fail(store.status());
  auto events = (*store)->Since(f.date);
  if (!events.ok()) return Fail(events.status());
  PrintEvents(*events, f.json);
  return 0;
}

int RunEntity(const QueryFlags& f) {
  auto store = OpenStore(f);
  if (!store.ok()) return Fail(store.status());
  auto d = (*store)->DescribeEntity(f.names[0]);
  if (!d.ok()) return Fail(d.status());
  if (f.json) {
    std::cout << ToJson(*d) << '\n';
    return 0;
  }
  const EntityRecord& r = d->record;
  std::cout << r.entity.name << " (" << r.entity.type << ")\n"
            << "aliases: " << (r.aliases.empty() ? "-" : Join(r.aliases, "; ")) << "\n"
            << "mentions: " << r.mentions << " in " << r.documents << " document(s)\n";
  if (!d->roles.empty()) {
    std::cout << "\nroles:\n";
    Table t({"person", "title", "organisation", "first seen", "last seen", "sources"});
    for (const RoleRecord& role : d->roles) {
      t.Add({role.person.name, role.title, role.org.name, role.first_seen, role.last_seen,
             std::to_string(role.sources.size())});
    }
    t.Print(std::cout);
  }
  std::cout << "\nsources:\n";
  Table t({"published", "document", "source"});
  for (const SourceRef& s : d->sources) t.Add({s.published, s.doc_id, s.url.empty() ? s.source : s.url});
  t.Print(std::cout, 100);
  return 0;
}

int RunAlliances(const QueryFlags& f) {
  auto store = OpenStore(f);
  if (!store.ok()) return Fail(store.status());
  auto rows = (*store)->Alliances(f.limit);
  if (!rows.ok()) return Fail(rows.status());
  if (f.json) {
    std::cout << ToJson(*rows) << '\n';
    return 0;
  }
  Table t({"organisation", "organisation", "events", "sources", "relations"});
  for (const AllianceRow& r : *rows) {
    t.Add({r.a.name, r.b.name, std::to_string(r.events), std::to_string(r.sources), Join(r.types)});
  }
  t.Print(std::cout);
  return 0;
}

}  // namespace

void AddQueryCommand(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<QueryFlags>();
  CLI::App* cmd = app.add_subcommand("query", "ask the graph: partners, timeline, who-met, deals, since, entity, alliances");
  cmd->add_option("--db", f->db, "SQLite graph store (default pactgraph.db)");
  cmd->add_flag("--json", f->json, "JSON instead of a text table");
  cmd->require_subcommand(1);
  auto sub = [&](const char* name, const char* help, int (*run)(const QueryFlags&)) {
    CLI::App* s = cmd->add_subcommand(name, help);
    s->fallthrough();  // --db and --json may also follow the subcommand
    s->callback([f, run, exit_code] { *exit_code = run(*f); });
    return s;
  };
  sub("partners", "organisations linked to NAME by events", RunPartners)
      ->add_option("name", f->names, "entity name (any alias or spelling)")->required()->expected(1);
  sub("timeline", "events of NAME (with NAME2 too when given), by date", RunTimeline)
      ->add_option("names", f->names, "one or two entity names")->required()->expected(1, 2);
  sub("who-met", "meetings of NAME and who else was there", RunWhoMet)
      ->add_option("name", f->names, "entity name")->required()->expected(1);
  CLI::App* deals = sub("deals", "events with an amount (deals, investments, acquisitions), largest first", RunDeals);
  deals->add_option("--min-amount", f->min_amount, "only amounts of at least N units (default 0)");
  deals->add_option("--currency", f->currency, "only this ISO 4217 currency, e.g. USD");
  sub("since", "relations first reported after DATE (ISO, e.g. 2024-05)", RunSince)
      ->add_option("date", f->date, "ISO date or prefix")->required();
  sub("entity", "an entity's aliases, roles over time and sources", RunEntity)
      ->add_option("name", f->names, "entity name")->required()->expected(1);
  sub("alliances", "the strongest organisation pairs in the graph", RunAlliances)
      ->add_option("--limit", f->limit, "rows to show (default 20)");
}

}  // namespace pactgraph::cli
