// Name keys: the form two spellings of one name share. "Kwak Noh-Jung",
// "kwak noh-jung" and "KWAK Noh Jung" all become "kwaknohjung"; "Samsung's"
// becomes "samsung"; "Microsoft Corp." becomes "microsoft"; "des
// SK-Konzerns" becomes "skgroup" like "SK Group".
#ifndef PACTGRAPH_GRAPH_NORMALIZE_H_
#define PACTGRAPH_GRAPH_NORMALIZE_H_

#include <string>
#include <string_view>
#include <vector>

namespace pactgraph::graph {

struct NameKey {
  std::string key;                  // tokens concatenated; empty: nothing usable
  std::vector<std::string> tokens;  // normalised tokens, in order
  // A second key for a German genitive ("Samsungs" -> "samsung"), tried
  // only when `key` itself is unknown; empty when not applicable.
  std::string genitive_key;
};

// Unicode NFKC + case folding (ICU), possessives, leading articles, and for
// ORG (type == "ORG") corporate suffixes and group words.
NameKey MakeNameKey(std::string_view name, std::string_view type);

// Optimal-string-alignment distance (Levenshtein plus adjacent swaps),
// giving up early: returns limit + 1 when the distance exceeds `limit`.
int BoundedEditDistance(std::string_view a, std::string_view b, int limit);

// The digits of `s` in order ("mach1" -> "1"): model numbers must agree
// for two names to be one typo apart (Mach-1 is not Mach-2).
std::string Digits(std::string_view s);

}  // namespace pactgraph::graph

#endif  // PACTGRAPH_GRAPH_NORMALIZE_H_
