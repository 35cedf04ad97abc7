// Placeholder: replaced when the 'ingest' command lands.
#include <iostream>

#include "commands.h"

namespace pactgraph::cli {

void AddIngestCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("ingest", "(not built yet)");
  cmd->callback([exit_code] {
    std::cerr << "pactgraph ingest: not built yet\n";
    *exit_code = 2;
  });
}

}  // namespace pactgraph::cli
