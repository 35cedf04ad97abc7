// Placeholder: replaced when the 'query' command lands.
#include <iostream>

#include "commands.h"

namespace pactgraph::cli {

void AddQueryCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("query", "(not built yet)");
  cmd->callback([exit_code] {
    std::cerr << "pactgraph query: not built yet\n";
    *exit_code = 2;
  });
}

}  // namespace pactgraph::cli
