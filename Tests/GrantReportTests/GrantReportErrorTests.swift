import Testing
import GrantReport
