#pragma once
// Access to the golden vectors in tests/golden (copied from a real RocketMQ 4.9.8 run).
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace rmq::test {

inline std::filesystem::path golden_dir() {
    return RMQ_GOLDEN_DIR;
}

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace rmq::test
