import Testing
import GrantImport
