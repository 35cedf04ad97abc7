#include "time/timex.h"

namespace pactgraph {

// Placeholder until the time stage lands.
std::vector<Timex> FindTimexes(std::string_view, const std::string&, const std::string&) { return {}; }

}  // namespace pactgraph
