#include "util/huge_pages.h"

#include <sys/mman.h>

#include <cstdlib>

namespace pactgraph {

namespace {
size_t RoundUp(size_t bytes) { return (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes; }
}  // namespace

void* AllocateHuge(size_t bytes, size_t align) {
  if (bytes < kHugePageBytes) return ::operator new(bytes, std::align_val_t(align));
  const size_t size = RoundUp(bytes);
  void* p = std::aligned_alloc(kHugePageBytes, size);
  if (p == nullptr) throw std::bad_alloc();
  ::madvise(p, size, MADV_HUGEPAGE);  // advice only: failure changes nothing but speed
  return p;
}

void FreeHuge(void* p, size_t bytes, size_t align) noexcept {
  if (p == nullptr) return;
  if (bytes < kHugePageBytes) {
    ::operator delete(p, std::align_val_t(align));
    return;
  }
  std::free(p);
}

}  // namespace pactgraph
