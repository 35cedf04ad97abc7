// Placeholder: replaced when the 'export' command lands.
#include <iostream>

#include "commands.h"

namespace pactgraph::cli {

void AddExportCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("export", "(not built yet)");
  cmd->callback([exit_code] {
    std::cerr << "pactgraph export: not built yet\n";
    *exit_code = 2;
  });
}

}  // namespace pactgraph::cli
