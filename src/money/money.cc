#include "money/money.h"

namespace pactgraph {

// Placeholder until the money stage lands.
std::vector<Money> FindMoney(std::string_view, const std::string&) { return {}; }

}  // namespace pactgraph
