// Placeholder: replaced when the 'eval-timex' command lands.
#include <iostream>

#include "commands.h"

namespace pactgraph::cli {

void AddEvalTimexCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("eval-timex", "(not built yet)");
  cmd->callback([exit_code] {
    std::cerr << "pactgraph eval-timex: not built yet\n";
    *exit_code = 2;
  });
}

}  // namespace pactgraph::cli
