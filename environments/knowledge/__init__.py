"""Tech trees and recipes as data, loaded from each world's own files."""
