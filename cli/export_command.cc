// pactgraph export: the whole graph as GraphML, Neo4j CSV or JSON.
#include <iostream>
#include <memory>
#include <string>

#include "commands.h"
#include "pactgraph/graph.h"

namespace pactgraph::cli {
namespace {

struct ExportFlags {
  std::string db = "pactgraph.db";
  std::string format;
  std::string out;
};

int RunExport(const ExportFlags& f) {
  GraphOptions o;
  o.read_only = true;
  auto store = GraphStore::Open(f.db, o);
  if (!store.ok()) {
    std::cerr << "pactgraph export: " << store.status().message() << "\n";
    return 2;
  }
  ExportFormat format = f.format == "graphml" ? ExportFormat::kGraphml
                        : f.format == "csv"   ? ExportFormat::kCsv
                                              : ExportFormat::kJson;
  Status st;
  if (format == ExportFormat::kCsv) {
    st = (*store)->Export(format, f.out.empty() || f.out == "-" ? "." : f.out);
  } else if (f.out.empty() || f.out == "-") {
    st = (*store)->ExportTo(format, std::cout);
    std::cout.flush();
  } else {
    st = (*store)->Export(format, f.out);
  }
  if (!st.ok()) {
    std::cerr << "pactgraph export: " << st.message() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

void AddExportCommand(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<ExportFlags>();
  CLI::App* cmd = app.add_subcommand("export", "the graph as GraphML (Gephi, networkx), Neo4j CSV or JSON");
  cmd->add_option("--db", f->db, "SQLite graph store (default pactgraph.db)");
  cmd->add_option("--format", f->format, "graphml, csv or json")
      ->required()
      ->check(CLI::IsMember({"graphml", "csv", "json"}));
  cmd->add_option("--out", f->out,
                  "output file (graphml, json; default stdout) or folder for nodes.csv and edges.csv (csv; default .)");
  cmd->callback([f, exit_code] { *exit_code = RunExport(*f); });
}

}  // namespace pactgraph::cli
