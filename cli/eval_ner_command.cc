// Placeholder: replaced when the 'eval-ner' command lands.
#include <iostream>

#include "commands.h"

namespace pactgraph::cli {

void AddEvalNerCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("eval-ner", "(not built yet)");
  cmd->callback([exit_code] {
    std::cerr << "pactgraph eval-ner: not built yet\n";
    *exit_code = 2;
  });
}

}  // namespace pactgraph::cli
