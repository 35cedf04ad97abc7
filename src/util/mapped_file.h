// A file's bytes mapped read-only into memory, for loaders that parse a
// large data file once: no copy into a buffer, and the pages come straight
// from the page cache.
#ifndef PACTGRAPH_UTIL_MAPPED_FILE_H_
#define PACTGRAPH_UTIL_MAPPED_FILE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "pactgraph/status.h"

namespace pactgraph {

class MappedFile {
 public:
  // NotFound when the file cannot be opened, IOError when it cannot be
  // mapped. An empty file maps to an empty view. `populate` maps every page
  // at once (for a reader of the whole file); without it pages are mapped
  // on first touch (for a reader of a small part).
  static StatusOr<MappedFile> Open(const std::string& path, bool populate = true);

  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view bytes() const { return {data_, size_}; }
  // Tells the kernel the bytes before `offset` will not be read again: their
  // pages leave this process's resident set (a loader that has parsed them
  // keeps its peak memory at its own tables plus the part being read).
  void Done(size_t offset) const;

 private:
  MappedFile(const char* data, size_t size) : data_(data), size_(size) {}
  const char* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace pactgraph

#endif  // PACTGRAPH_UTIL_MAPPED_FILE_H_
