// mqstore: inspects and verifies a RocketMQ store directory without changing it.
#include <iostream>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    return rmq::mqstore::run_mqstore(args, std::cout, std::cerr);
}
