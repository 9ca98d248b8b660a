import Testing
import GrantStore
