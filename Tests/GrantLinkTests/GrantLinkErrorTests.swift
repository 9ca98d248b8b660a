import Testing
import GrantLink
