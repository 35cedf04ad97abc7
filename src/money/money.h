// Money amounts, English and German: "$100 million", "752-Millionen-Dollar".
#ifndef PACTGRAPH_MONEY_MONEY_H_
#define PACTGRAPH_MONEY_MONEY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pactgraph {

struct Money {
  uint32_t start = 0, end = 0;  // byte range in the text
  double value = 0;             // in units; the low end of a range
  double high = 0;              // the high end of a range, else equal to value
  std::string currency;         // ISO 4217
  bool approximate = false;     // "about", "rund", "more than"
};

std::vector<Money> FindMoney(std::string_view text, const std::string& lang);

}  // namespace pactgraph

#endif  // PACTGRAPH_MONEY_MONEY_H_
