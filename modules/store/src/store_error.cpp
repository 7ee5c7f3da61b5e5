#include "store/store_error.hpp"

#include <cerrno>
#include <cstring>

namespace rmq::store {

StoreError io_error_from_errno(const std::filesystem::path& path, const char* what) {
    return {StoreErrc::io_error,
            std::string(what) + " " + path.string() + ": " + std::strerror(errno)};
}

Result<void> ensure_directory(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        return StoreError{StoreErrc::io_error,
                          "cannot create directory " + dir.string() + ": " + ec.message()};
    return {};
}

}  // namespace rmq::store
