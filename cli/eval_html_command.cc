// Placeholder: replaced when the 'eval-html' command lands.
#include <iostream>

#include "commands.h"

namespace pactgraph::cli {

void AddEvalHtmlCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("eval-html", "(not built yet)");
  cmd->callback([exit_code] {
    std::cerr << "pactgraph eval-html: not built yet\n";
    *exit_code = 2;
  });
}

}  // namespace pactgraph::cli
