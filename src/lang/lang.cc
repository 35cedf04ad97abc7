#include "lang/lang.h"

#include <cstdio>  // before CLD2, whose header uses FILE

#include <cld2/public/compact_lang_det.h>

#include <algorithm>
#include <cctype>
#include <unordered_set>

namespace pactgraph {
namespace {

constexpr size_t kMaxBytes = 16 * 1024;  // an article's language shows long before this

struct StopwordCounts {
  int en = 0, de = 0;
};

// Function words that are frequent in one language and rare in the other.
StopwordCounts CountStopwords(std::string_view text) {
  static const std::unordered_set<std::string_view> en = {
      "the", "and", "of", "to", "is", "that", "for", "with", "was", "are", "from", "has", "have",
      "this", "will", "its", "which", "by", "at", "on", "be", "were", "their", "it", "as", "said"};
  static const std::unordered_set<std::string_view> de = {
      "der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "zu", "für", "ein", "eine",
      "sich", "auf", "dem", "des", "auch", "wird", "werden", "hat", "sind", "im", "zum", "bei", "über"};
  StopwordCounts c;
  char buf[8];
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !std::isalpha(static_cast<unsigned char>(text[i])) &&
           static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
    }
    size_t b = i;
    while (i < text.size() && (std::isalpha(static_cast<unsigned char>(text[i])) ||
                               static_cast<unsigned char>(text[i]) >= 0x80)) {
      ++i;
    }
    size_t n = i - b;
    if (n == 0 || n > sizeof buf) continue;
    for (size_t k = 0; k < n; ++k) buf[k] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[b + k])));
    std::string_view w(buf, n);
    c.en += en.count(w) > 0;
    c.de += de.count(w) > 0;
  }
  return c;
}

LangGuess FromStopwords(const StopwordCounts& c) {
  LangGuess g;
  int total = c.en + c.de;
  if (total < 2) return g;
  if (c.en >= 2 * c.de + 1) g.code = "en";
  else if (c.de >= 2 * c.en + 1) g.code = "de";
  else return g;
  double share = static_cast<double>(std::max(c.en, c.de)) / total;
  g.confidence = std::min(0.8, share * (0.4 + 0.05 * std::min(total, 8)));
  return g;
}

}  // namespace

LangGuess DetectLanguage(std::string_view text) {
  text = text.substr(0, kMaxBytes);
  // Cut a partial UTF-8 character at the end so CLD2 sees valid input.
  while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.remove_suffix(1);
  if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.remove_suffix(1);

  CLD2::Language top3[3];
  int percent3[3];
  int text_bytes = 0;
  bool reliable = false;
  CLD2::ExtDetectLanguageSummary(text.data(), static_cast<int>(text.size()), true, top3, percent3,
                                 &text_bytes, &reliable);
  int en = 0, de = 0;
  for (int k = 0; k < 3; ++k) {
    if (top3[k] == CLD2::ENGLISH) en += percent3[k];
    if (top3[k] == CLD2::GERMAN) de += percent3[k];
  }
  bool ours = top3[0] == CLD2::ENGLISH || top3[0] == CLD2::GERMAN;
  // Long enough and reliable: CLD2 decides.
  if (reliable && text_bytes >= 200) {
    LangGuess g;
    g.code = top3[0] == CLD2::ENGLISH ? "en" : top3[0] == CLD2::GERMAN ? "de" : "other";
    g.confidence = ours ? std::max(en, de) / 100.0 : percent3[0] / 100.0;
    return g;
  }
  // Short or unreliable: function words break ties that CLD2 cannot.
  LangGuess words = FromStopwords(CountStopwords(text));
  if (ours && reliable && (words.code == "other" || words.code == (en > de ? "en" : "de"))) {
    LangGuess g;
    g.code = en > de ? "en" : "de";
    g.confidence = std::max(en, de) / 100.0 * 0.8;
    return g;
  }
  if (words.code != "other") return words;
  if (ours && std::max(en, de) >= 50) {
    LangGuess g;
    g.code = en > de ? "en" : "de";
    g.confidence = std::max(en, de) / 100.0 * 0.5;
    return g;
  }
  LangGuess g;
  if (reliable) g.confidence = percent3[0] / 100.0;
  return g;
}

}  // namespace pactgraph
