"""The rule language: one restricted parser for conditions and formulas, the condition
trees and their meaning, decimal formulas, and finding texts."""
