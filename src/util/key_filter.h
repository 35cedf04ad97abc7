// KeyFilter: a presence filter in front of a hash table (tagger weights,
// clusters and gazetteer; the entity rules' hash indexes).
#ifndef PACTGRAPH_UTIL_KEY_FILTER_H_
#define PACTGRAPH_UTIL_KEY_FILTER_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pactgraph {

// A presence filter over 64-bit hashes: a Bloom filter with about 8 bits
// per key and two bits set per key, both in one 64-bit word (one memory
// access). MayContain is false only for a key never added, so a table
// behind it answers exactly as without it. Put in front of a hash table
// that is probed for every word and too big for the cache, when most keys
// asked for are absent: the filter is small enough to stay in the cache.
class KeyFilter {
 public:
  // Empties the filter and sizes it for about n keys. More keys only make
  // MayContain true more often.
  void Reset(size_t n) {
    size_t words = 2;  // at least two, so that the shift is at most 63
    while (words * 64 < n * 8) words <<= 1;
    words_.assign(words, 0);
    shift_ = 64 - __builtin_ctzll(words);
  }
  void Add(uint64_t key) { words_[Mix(key) >> shift_] |= Bits(key); }
  bool MayContain(uint64_t key) const {
    const uint64_t bits = Bits(key);
    return (words_[Mix(key) >> shift_] & bits) == bits;
  }

 private:
  static uint64_t Mix(uint64_t k) {
    k ^= k >> 31;
    k *= 0xd6e8feb86659fd93ULL;
    return k ^ (k >> 32);
  }
  static uint64_t Bits(uint64_t key) {
    const uint64_t m = Mix(key);
    return (uint64_t{1} << (m & 63)) | (uint64_t{1} << ((m >> 6) & 63));
  }
  std::vector<uint64_t> words_ = std::vector<uint64_t>(2, 0);
  int shift_ = 63;  // 64 - log2(words_.size())
};

}  // namespace pactgraph

#endif  // PACTGRAPH_UTIL_KEY_FILTER_H_
