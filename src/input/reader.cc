#include "input/reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

namespace pactgraph {
namespace {

namespace fs = std::filesystem;

enum class Kind { kText, kHtml, kJsonl, kUnknown };

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

Kind KindOf(const fs::path& p) {
  std::string ext = Lower(p.extension().string());
  if (ext == ".txt" || ext == ".text") return Kind::kText;
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return Kind::kHtml;
  if (ext == ".jsonl" || ext == ".ndjson") return Kind::kJsonl;
  return Kind::kUnknown;
}

// For stdin and unknown extensions: look at the first visible byte.
Kind Sniff(const std::string& bytes) {
  for (unsigned char c : bytes) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF) continue;
    if (c == '{') return Kind::kJsonl;
    if (c == '<') return Kind::kHtml;
    return Kind::kText;
  }
  return Kind::kText;
}

// Reads one line (without "\n") into *line, keeping at most max_bytes + 1
// bytes so that a giant line cannot exhaust memory; *too_long says it was cut.
bool ReadBoundedLine(std::istream& in, size_t max_bytes, std::string* line, bool* too_long) {
  line->clear();
  *too_long = false;
  std::streambuf* buf = in.rdbuf();
  bool any = false;
  for (;;) {
    int c = buf->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      in.setstate(std::ios::eofbit);
      return any;
    }
    any = true;
    if (c == '\n') return true;
    if (line->size() <= max_bytes) {
      line->push_back(static_cast<char>(c));
    } else {
      *too_long = true;
    }
  }
}

void EmitJsonl(std::istream& in, const std::string& name, const ReaderOptions& opt,
               const std::function<void(Article&&)>& on_article,
               const std::function<void(const Status&)>& on_error) {
  std::string line;
  size_t n = 0;
  bool too_long = false;
  while (ReadBoundedLine(in, opt.max_bytes, &line, &too_long)) {
    ++n;
    if (n == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);  // UTF-8 BOM
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string where = name + ":" + std::to_string(n);
    if (too_long || line.size() > opt.max_bytes) {
      on_error(Status::InvalidArgument("line is over the limit of " + std::to_string(opt.max_bytes) + " bytes")
                   .WithContext(where));
      continue;
    }
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    StatusOr<Article> a = ParseJsonlArticle(line, where);
    if (a.ok()) {
      on_article(std::move(a).value());
    } else {
      on_error(a.status());
    }
  }
  if (in.bad()) on_error(Status::IOError("read failed after line " + std::to_string(n)).WithContext(name));
}

// Reads a whole stream, refusing more than max_bytes.
Status ReadStream(std::istream& in, size_t max_bytes, std::string* out) {
  out->clear();
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out->append(buf, static_cast<size_t>(in.gcount()));
    if (out->size() > max_bytes) {
      return Status::InvalidArgument("input is over the limit of " + std::to_string(max_bytes) + " bytes");
    }
  }
  if (in.bad()) return Status::IOError("read failed");
  return Status::OK();
}

// Owns a file descriptor, closed when replaced or out of scope; a negative
// one (AT_FDCWD, a failed open) is none.
class OwnedFd {
 public:
  explicit OwnedFd(int fd) : fd_(fd) {}
  OwnedFd(const OwnedFd&) = delete;
  OwnedFd& operator=(const OwnedFd&) = delete;
  ~OwnedFd() { Reset(-1); }
  void Reset(int fd) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// Reads a whole file, refusing more than max_bytes. Extracting a folder of
// small articles spends a visible share of its time in system calls, so a
// regular file costs one open, one fstat (no lookups of the path by name) and
// usually one read: its size is known, and a read that does not fill the
// buffer has reached the end of a regular file. Other files (pipes, devices)
// are read in chunks until their end.
// `path` is relative to the folder open as dir_fd (AT_FDCWD: the working
// directory).
Status ReadFile(int dir_fd, const char* path, size_t max_bytes, std::string* out) {
  out->clear();
  const int fd = ::openat(dir_fd, path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IOError("cannot open for reading");
  const OwnedFd closer(fd);
  struct stat st;
  if (::fstat(fd, &st) != 0) return Status::IOError(std::string("cannot read: ") + std::strerror(errno));
  const bool regular = S_ISREG(st.st_mode);
  if (regular && static_cast<uint64_t>(st.st_size) > max_bytes) {
    return Status::InvalidArgument("file is " + std::to_string(st.st_size) + " bytes, over the limit of " +
                                   std::to_string(max_bytes));
  }
  // One byte more than the size, so that a file that grew is noticed.
  out->resize(regular ? static_cast<size_t>(st.st_size) + 1 : size_t{1} << 16);
  size_t filled = 0;
  for (;;) {
    if (filled == out->size()) out->resize(out->size() * 2);
    const ssize_t n = ::read(fd, out->data() + filled, out->size() - filled);
    if (n < 0) {
      if (errno == EINTR) continue;
      out->resize(filled);
      return Status::IOError("read failed");
    }
    if (n == 0) break;
    filled += static_cast<size_t>(n);
    if (filled > max_bytes) {
      out->resize(filled);
      return Status::InvalidArgument("input is over the limit of " + std::to_string(max_bytes) + " bytes");
    }
    // A short read once the stated size is in: the end of a regular file.
    // (Files under /proc or /sys state 0 or 4096 bytes and may read short,
    // so they are read until a read gives nothing.)
    if (regular && st.st_size > 0 && filled >= static_cast<size_t>(st.st_size) && filled < out->size()) break;
  }
  out->resize(filled);
  return Status::OK();
}

void EmitBytes(std::string&& bytes, Kind kind, const std::string& name, const ReaderOptions& opt,
               const std::function<void(Article&&)>& on_article,
               const std::function<void(const Status&)>& on_error) {
  if (kind == Kind::kUnknown) kind = Sniff(bytes);
  if (kind == Kind::kJsonl) {
    std::istringstream in(bytes);
    EmitJsonl(in, name, opt, on_article, on_error);
    return;
  }
  Article a;
  a.bytes = std::move(bytes);
  a.format = kind == Kind::kHtml ? InputFormat::kHtml : InputFormat::kText;
  a.source = name;
  on_article(std::move(a));
}

// The file is opened as `at` relative to the open folder dir_fd when given
// (only its name is looked up, not every folder on its path again), else
// as p.
void EmitFile(const fs::path& p, const std::string& name, const ReaderOptions& opt,
              const std::function<void(Article&&)>& on_article,
              const std::function<void(const Status&)>& on_error, int dir_fd = AT_FDCWD,
              const char* at = nullptr) {
  Kind kind = KindOf(p);
  if (kind == Kind::kJsonl) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      on_error(Status::IOError("cannot open for reading").WithContext(name));
      return;
    }
    EmitJsonl(in, name, opt, on_article, on_error);
    return;
  }
  std::string bytes;
  Status st = ReadFile(dir_fd, at ? at : p.c_str(), opt.max_bytes, &bytes);
  if (!st.ok()) {
    on_error(st.WithContext(name));
    return;
  }
  EmitBytes(std::move(bytes), kind, name, opt, on_article, on_error);
}

// stdin: a JSONL stream is read line by line (it may be endless); anything
// else is one article, read up to the size limit.
void ReadStdin(const ReaderOptions& opt, const std::function<void(Article&&)>& on_article,
               const std::function<void(const Status&)>& on_error) {
  std::istream& in = std::cin;
  std::string head;
  for (int c; (c = in.peek()) != std::char_traits<char>::eof();) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      head.push_back(static_cast<char>(in.get()));
      continue;
    }
    if (c == '{') {
      EmitJsonl(in, "-", opt, on_article, on_error);
      return;
    }
    break;
  }
  std::string rest;
  Status st = ReadStream(in, opt.max_bytes, &rest);
  if (!st.ok()) {
    on_error(st.WithContext("-"));
    return;
  }
  EmitBytes(head + rest, Kind::kUnknown, "-", opt, on_article, on_error);
}

// A string that sorts like the path itself: std::filesystem::path compares
// element by element, and with each separator turned into a NUL byte (which
// sorts before every byte of a name) plain string order is that order. The
// paths of one folder listing share the folder's prefix, so separators
// there cannot differ. Sorting a big folder by path::compare, which splits
// both paths into elements on every call, cost more than reading the files.
std::string SortKey(const fs::path& p) {
  std::string key = p.native();
  std::replace(key.begin(), key.end(), fs::path::preferred_separator, '\0');
  return key;
}

}  // namespace

StatusOr<Article> ParseJsonlArticle(const std::string& line, const std::string& where) {
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded()) return Status::InvalidArgument(where + ": not valid JSON");
  if (!j.is_object()) return Status::InvalidArgument(where + ": expected a JSON object");
  Article a;
  a.source = where;
  auto str = [&](const char* key, std::string* out) -> Status {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return Status::OK();
    if (!it->is_string()) return Status::InvalidArgument(where + ": field \"" + key + "\" is not a string");
    *out = it->get<std::string>();
    return Status::OK();
  };
  std::string text, html;
  PG_RETURN_IF_ERROR(str("text", &text));
  PG_RETURN_IF_ERROR(str("html", &html));
  PG_RETURN_IF_ERROR(str("id", &a.id));
  PG_RETURN_IF_ERROR(str("url", &a.url));
  PG_RETURN_IF_ERROR(str("published", &a.published));
  if (!html.empty()) {
    a.bytes = std::move(html);
    a.format = InputFormat::kHtml;
  } else if (!text.empty()) {
    a.bytes = std::move(text);
  } else {
    return Status::InvalidArgument(where + ": needs a non-empty \"text\" or \"html\" field");
  }
  return a;
}

void ForEachArticle(const std::vector<std::string>& paths, const ReaderOptions& opt,
                    const std::function<void(Article&&)>& on_article,
                    const std::function<void(const Status&)>& on_error) {
  for (const std::string& arg : paths) {
    if (arg == "-") {
      ReadStdin(opt, on_article, on_error);
      continue;
    }
    fs::path p(arg);
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      on_error(Status::NotFound("no such file or folder").WithContext(arg));
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<std::pair<std::string, fs::path>> files;  // (SortKey, path)
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && KindOf(it->path()) != Kind::kUnknown) {
          files.emplace_back(SortKey(it->path()), it->path());
        }
      }
      if (ec) on_error(Status::IOError("cannot list folder: " + ec.message()).WithContext(arg));
      std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      // Files are read relative to their folder, opened once: a folder of
      // small articles otherwise spends a visible share of its time walking
      // the same folders' names for every file.
      std::string_view folder;  // of dir
      OwnedFd dir(-1);
      for (const auto& f : files) {
        const std::string& native = f.second.native();
        const size_t slash = native.rfind('/');
        const std::string_view parent =
            slash == std::string::npos ? std::string_view() : std::string_view(native).substr(0, slash + 1);
        if (parent != folder) {
          folder = parent;
          dir.Reset(parent.empty() ? -1 : ::open(std::string(parent).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        }
        if (dir.get() >= 0) {
          EmitFile(f.second, native, opt, on_article, on_error, dir.get(), native.c_str() + slash + 1);
        } else {  // no folder open: by the whole path, as before
          EmitFile(f.second, native, opt, on_article, on_error);
        }
      }
      continue;
    }
    EmitFile(p, arg, opt, on_article, on_error);
  }
}

}  // namespace pactgraph
