#include "store/store_error.hpp"

#include <cerrno>
#include <cstring>

namespace rmq::store {

StoreError io_error_from_errno(const std::filesystem::path& path, const char* what) {
    return {StoreErrc::io_error,
            std::string(what) + " " + path.string() + ": " + std::strerror(errno)};
}

}  // namespace rmq::store
