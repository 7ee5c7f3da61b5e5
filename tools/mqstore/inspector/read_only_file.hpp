#pragma once
// A whole file mapped read-only (O_RDONLY + PROT_READ). The inspector must never change a store,
// not even by accident while a broker holds it, so no writable descriptor or mapping ever exists.
#include <cstddef>
#include <filesystem>
#include <span>

#include "inspector/inspect_error.hpp"

namespace rmq::mqstore {

class ReadOnlyFile {
  public:
    /// Maps the file at its current size (an empty file gives an empty view).
    static Result<ReadOnlyFile> map(const std::filesystem::path& path);

    ReadOnlyFile() = default;
    ~ReadOnlyFile();
    ReadOnlyFile(ReadOnlyFile&& other) noexcept;
    ReadOnlyFile& operator=(ReadOnlyFile&& other) noexcept;
    ReadOnlyFile(const ReadOnlyFile&) = delete;
    ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;

    std::span<const char> bytes() const { return {data_, size_}; }
    std::size_t size() const { return size_; }
    const std::filesystem::path& path() const { return path_; }

  private:
    void release() noexcept;

    std::filesystem::path path_;
    const char* data_ = nullptr;
    std::size_t size_ = 0;
};

/// True if every byte is zero (the unwritten tail of a pre-allocated file).
bool all_zero(std::span<const char> bytes);

}  // namespace rmq::mqstore
