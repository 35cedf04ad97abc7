// The front half of the pipeline on a folder of HTML pages: decode, main
// content extraction (CleanHtml), language detection and segmentation, one
// page after another on one thread. Files are read into memory first; only
// the processing is timed (process CPU time). Prints one line:
//   front_half: N pages, B bytes, T s, P pages/s, M MB/s, C chars kept
// Used by bench/front_half.sh next to readability-lxml on the same pages.
// --stages then prints the CPU time of each stage (timed page by page, so
// with some clock overhead).
//   usage: front_half_bench [--repeat N] [--html-only] [--stages] DIR...
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "clean/clean.h"
#include "input/decode.h"
#include "lang/lang.h"
#include "segment/segment.h"

namespace {

namespace fs = std::filesystem;

std::vector<std::string> ReadPages(const std::vector<std::string>& dirs) {
  std::vector<fs::path> paths;
  for (const std::string& d : dirs) {
    for (const auto& entry : fs::recursive_directory_iterator(d)) {
      std::string ext = entry.path().extension().string();
      if (entry.is_regular_file() && (ext == ".html" || ext == ".htm")) paths.push_back(entry.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> pages;
  for (const fs::path& p : paths) {
    // stdio, not ifstream: an ifstream per small file costs more than its read.
    std::string page;
    std::error_code ec;
    page.reserve(fs::file_size(p, ec));
    if (std::FILE* f = std::fopen(p.c_str(), "rb")) {
      char buf[1 << 16];
      for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) page.append(buf, n);
      std::fclose(f);
    }
    pages.push_back(std::move(page));
  }
  return pages;
}

// Returns the number of article bytes kept (so the work cannot be optimised away).
size_t FrontHalf(const std::string& page, bool html_only) {
  pactgraph::StatusOr<pactgraph::Decoded> decoded = pactgraph::Decode(page);
  if (!decoded.ok()) return 0;
  pactgraph::CleanDoc doc = pactgraph::CleanHtml(decoded->text);
  if (html_only) return doc.text.size();
  pactgraph::LangGuess lang = pactgraph::DetectLanguage(doc.text.text());
  pactgraph::Segmented seg = pactgraph::Segment(doc.text.text(), lang.code);
  (void)seg;
  return doc.text.size();
}

// CPU seconds per stage over all pages (--stages).
void Stages(const std::vector<std::string>& pages, int repeat) {
  double t[4] = {0, 0, 0, 0};
  auto lap = [](std::clock_t& since) {
    std::clock_t now = std::clock();
    double s = static_cast<double>(now - since) / CLOCKS_PER_SEC;
    since = now;
    return s;
  };
  for (int r = 0; r < repeat; ++r) {
    for (const std::string& page : pages) {
      std::clock_t since = std::clock();
      pactgraph::StatusOr<pactgraph::Decoded> decoded = pactgraph::Decode(page);
      t[0] += lap(since);
      if (!decoded.ok()) continue;
      pactgraph::CleanDoc doc = pactgraph::CleanHtml(decoded->text);
      t[1] += lap(since);
      pactgraph::LangGuess lang = pactgraph::DetectLanguage(doc.text.text());
      t[2] += lap(since);
      pactgraph::Segmented seg = pactgraph::Segment(doc.text.text(), lang.code);
      t[3] += lap(since);
    }
  }
  double total = t[0] + t[1] + t[2] + t[3];
  const char* names[4] = {"decode", "CleanHtml", "language", "segmentation"};
  for (int k = 0; k < 4; ++k) {
    std::printf("  %-13s %.4f s  %4.1f%%\n", names[k], t[k] / repeat, 100 * t[k] / total);
  }
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 1;
  bool html_only = false, stages = false;
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--html-only") == 0) {
      html_only = true;
    } else if (std::strcmp(argv[i], "--stages") == 0) {
      stages = true;
    } else {
      dirs.push_back(argv[i]);
    }
  }
  if (dirs.empty()) {
    std::fprintf(stderr, "usage: front_half_bench [--repeat N] [--html-only] [--stages] DIR...\n");
    return 2;
  }
  std::vector<std::string> pages = ReadPages(dirs);
  size_t bytes = 0;
  for (const std::string& p : pages) bytes += p.size();
  size_t kept = 0;
  // CPU time of this process, not wall time: the machine is shared, and a
  // busy neighbour must not count against either side.
  std::clock_t start = std::clock();
  for (int r = 0; r < repeat; ++r) {
    for (const std::string& p : pages) kept += FrontHalf(p, html_only);
  }
  double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC / repeat;
  double n = static_cast<double>(pages.size());
  std::printf("front_half%s: %zu pages, %zu bytes, %.4f s, %.1f pages/s, %.2f MB/s, %zu chars kept\n",
              html_only ? " (decode+CleanHtml)" : "", pages.size(), bytes, seconds, n / seconds,
              bytes / 1e6 / seconds, kept / repeat);
  if (stages) Stages(pages, repeat);
  return 0;
}
