-- Three modes: a Java one, and two Lua scripts in sub-directories.
return {
    arena = "java:io.asobi.match.lua.TestJavaGameMode",
    duel = "modes/duel.lua",
    coop = "modes/coop/coop.lua",
}
