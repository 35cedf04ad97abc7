// The front half of the pipeline on plain text: decode, CleanPlainText,
// language detection and segmentation, one article after another on one
// thread. Files (*.txt, recursive) are read into memory first; only the
// processing is timed (thread CPU time), stage by stage. Prints the speed, the languages found
// and the share of the input's non-blank line bytes that cleaning kept.
//   usage: front_text_bench [--repeat N] [--dropped] [--csv-10kgnad FILE] DIR...
//   --dropped       print every line cleaning dropped (to review what goes)
//   --sentences     print every sentence, one per line (to review segmentation)
//   --csv-10kgnad   also read the 10kGNAD test.csv (label;'text' per line)
#include <algorithm>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "clean/clean.h"
#include "input/decode.h"
#include "lang/lang.h"
#include "segment/segment.h"

namespace {

namespace fs = std::filesystem;
// Thread CPU time: on a shared, busy machine wall time mostly measures the
// other processes; the work itself is single-threaded.
struct Clock {
  using time_point = std::chrono::duration<double>;
  static time_point now() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return time_point(ts.tv_sec + ts.tv_nsec * 1e-9);
  }
};

struct Doc {
  std::string name, bytes;
};

std::vector<Doc> ReadTexts(const std::vector<std::string>& dirs) {
  std::vector<fs::path> paths;
  for (const std::string& d : dirs) {
    for (const auto& entry : fs::recursive_directory_iterator(d)) {
      if (entry.is_regular_file() && entry.path().extension() == ".txt" &&
          entry.path().filename() != "README.TXT" && entry.path().filename() != "SOURCE.txt") {
        paths.push_back(entry.path());
      }
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<Doc> docs;
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    docs.push_back(Doc{p.string(), std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())});
  }
  return docs;
}

// 10kGNAD: one article per line, `label;'text'` with '' for a quote; the text
// is a single paragraph per article.
std::vector<Doc> Read10kGnad(const std::string& path) {
  std::vector<Doc> docs;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    size_t semi = line.find(';');
    if (semi == std::string::npos) continue;
    std::string text = line.substr(semi + 1);
    if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'') text = text.substr(1, text.size() - 2);
    std::string unq;
    for (size_t i = 0; i < text.size(); ++i) {
      unq += text[i];
      if (text[i] == '\'' && i + 1 < text.size() && text[i + 1] == '\'') ++i;
    }
    docs.push_back(Doc{path + ":" + std::to_string(n), unq});
  }
  return docs;
}

// Bytes in non-blank lines, trimmed: what a perfect cleaner would keep of a
// furniture-free article.
size_t LineBytes(const std::string& t) {
  size_t total = 0, start = 0;
  while (start <= t.size()) {
    size_t nl = t.find('\n', start);
    size_t end = nl == std::string::npos ? t.size() : nl;
    size_t b = start, e = end;
    while (b < e && (t[b] == ' ' || t[b] == '\t' || t[b] == '\r')) ++b;
    while (e > b && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r')) --e;
    total += e - b;
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return total;
}

void PrintDropped(const Doc& doc, const std::string& input, const std::string& kept) {
  size_t start = 0;
  while (start < input.size()) {
    size_t nl = input.find('\n', start);
    size_t end = nl == std::string::npos ? input.size() : nl;
    std::string line = input.substr(start, end - start);
    size_t b = line.find_first_not_of(" \t\r");
    if (b != std::string::npos) {
      line = line.substr(b, line.find_last_not_of(" \t\r") - b + 1);
      if (line.rfind("- ", 0) == 0 || line.rfind("* ", 0) == 0) line = line.substr(2);
      if (line.rfind("\xE2\x80\xA2 ", 0) == 0) line = line.substr(4);
      if (kept.find(line) == std::string::npos) std::printf("DROP %s: %.120s\n", doc.name.c_str(), line.c_str());
    }
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 1;
  bool dropped = false, print_sentences = false;
  std::vector<std::string> dirs;
  std::string gnad;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (!std::strcmp(argv[i], "--sentences")) {
      print_sentences = true;
    } else if (!std::strcmp(argv[i], "--dropped")) {
      dropped = true;
    } else if (!std::strcmp(argv[i], "--csv-10kgnad") && i + 1 < argc) {
      gnad = argv[++i];
    } else {
      dirs.push_back(argv[i]);
    }
  }
  std::vector<Doc> docs = ReadTexts(dirs);
  if (!gnad.empty()) {
    std::vector<Doc> more = Read10kGnad(gnad);
    docs.insert(docs.end(), more.begin(), more.end());
  }
  if (docs.empty()) {
    std::fprintf(stderr, "usage: front_text_bench [--repeat N] [--dropped] [--csv-10kgnad FILE] DIR...\n");
    return 2;
  }
  double t_decode = 0, t_clean = 0, t_lang = 0, t_segment = 0;
  size_t bytes = 0, line_bytes = 0, kept_bytes = 0, tokens = 0, sentences = 0, failed = 0;
  std::map<std::string, size_t> langs;
  for (int r = 0; r < repeat; ++r) {
    for (const Doc& doc : docs) {
      auto t0 = Clock::now();
      pactgraph::StatusOr<pactgraph::Decoded> decoded = pactgraph::Decode(doc.bytes);
      auto t1 = Clock::now();
      t_decode += (t1 - t0).count();
      if (!decoded.ok()) {
        ++failed;
        continue;
      }
      pactgraph::CleanDoc clean = pactgraph::CleanPlainText(decoded->text);
      auto t2 = Clock::now();
      pactgraph::LangGuess lang = pactgraph::DetectLanguage(clean.text.text());
      auto t3 = Clock::now();
      pactgraph::Segmented seg = pactgraph::Segment(clean.text.text(), lang.code);
      auto t4 = Clock::now();
      t_clean += (t2 - t1).count();
      t_lang += (t3 - t2).count();
      t_segment += (t4 - t3).count();
      if (r == 0) {
        bytes += doc.bytes.size();
        line_bytes += LineBytes(decoded->text.text());
        // Separators are synthetic: count only copied bytes.
        size_t copied = clean.text.size();
        for (size_t i = 0; i < clean.text.size(); ++i) copied -= clean.text.text()[i] == '\n';
        kept_bytes += copied;
        tokens += seg.tokens.size();
        sentences += seg.sentences.size();
        ++langs[lang.code];
        if (dropped && lang.code == "other") std::printf("OTHER %s (%.2f): %.100s\n", doc.name.c_str(), lang.confidence, clean.text.text().c_str());
        if (dropped) PrintDropped(doc, decoded->text.text(), clean.text.text());
        if (print_sentences) {
          for (const pactgraph::Sentence& x : seg.sentences) {
            std::string sent = clean.text.text().substr(x.start, x.end - x.start);
            std::replace(sent.begin(), sent.end(), '\n', ' ');
            std::printf("SENT %s\n", sent.c_str());
          }
        }
      }
    }
  }
  double total = t_decode + t_clean + t_lang + t_segment;
  double per = total / repeat;
  std::printf("front_text: %zu docs (%zu failed), %.2f MB, %d run(s)\n", docs.size(), failed, bytes / 1e6, repeat);
  std::printf("  CPU time per run: %.3f s (decode %.3f, clean %.3f, lang %.3f, segment %.3f)\n", per, t_decode / repeat,
              t_clean / repeat, t_lang / repeat, t_segment / repeat);
  std::printf("  speed: %.0f docs/s, %.1f MB/s on one thread\n", docs.size() / per, bytes / 1e6 / per);
  std::printf("  kept: %.2f%% of non-blank line bytes; %zu sentences, %zu tokens\n",
              100.0 * kept_bytes / std::max<size_t>(1, line_bytes), sentences, tokens);
  std::printf("  languages:");
  for (const auto& [code, n] : langs) std::printf(" %s=%zu", code.c_str(), n);
  std::printf("\n");
  return 0;
}
